//! The admin page's HTML: server-rendered, no script, one stylesheet from `/admin/style.css`.
//! Only ids, times, counts and the admins' own broadcast texts are shown: never diary
//! content, never names.

use crate::doctor::html::escape;
use crate::store::admin::{ActionLine, Broadcast, Figures, UserLine};

/// The stylesheet (served as `/admin/style.css`, so the CSP needs no inline style).
pub const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:70rem;\
padding:0 1rem;color:#222}h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem}\
table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ccc;padding:.25rem .6rem;\
text-align:left}th{background:#f3f3f3}form.inline{display:inline}textarea{width:100%;\
max-width:40rem}.error{color:#a00;font-weight:bold}.muted{color:#666}button{margin:.2rem}\
.figures td:nth-child(2){text-align:right}";

/// A whole page.
pub fn layout(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"robots\" content=\"noindex, nofollow\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{} · headlog admin</title><link rel=\"stylesheet\" href=\"/admin/style.css\">\
         </head><body>{body}</body></html>",
        escape(title)
    )
}

/// An instant as `YYYY-MM-DD HH:MM UTC`.
pub fn when(secs: i64) -> String {
    chrono::DateTime::from_timestamp(secs, 0)
        .map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string())
        .unwrap_or_else(|| "?".to_owned())
}

fn opt_when(secs: Option<i64>) -> String {
    secs.map(when).unwrap_or_else(|| "—".to_owned())
}

/// The hidden CSRF field every form carries.
fn csrf_field(csrf: &str) -> String {
    format!(
        "<input type=\"hidden\" name=\"csrf\" value=\"{}\">",
        escape(csrf)
    )
}

/// A refusal: its stable key (also in `data-key`) and a sentence; nothing else shown.
pub fn refusal(key: &str, message: &str, sign_in_hint: bool) -> String {
    let hint = if sign_in_hint {
        "<p><a href=\"/admin/login\">Sign in</a></p>"
    } else {
        ""
    };
    layout(
        "Refused",
        &format!(
            "<h1>headlog admin</h1><p class=\"error\" id=\"error\" data-key=\"{k}\">{m}</p>\
             <p class=\"muted\">Error key: <code>{k}</code></p>{hint}",
            k = escape(key),
            m = escape(message)
        ),
    )
}

/// The sign-in page: how to get a link, and the Login Widget when configured.
pub fn login(widget_bot: Option<&str>) -> String {
    let widget = match widget_bot {
        Some(bot) => format!(
            "<p>Or sign in with Telegram:</p><script async \
             src=\"https://telegram.org/js/telegram-widget.js?22\" data-telegram-login=\"{}\" \
             data-size=\"large\" data-auth-url=\"/admin/login/widget\" \
             data-request-access=\"write\"></script>",
            escape(bot)
        ),
        None => String::new(),
    };
    layout(
        "Sign in",
        &format!(
            "<h1>headlog admin</h1><p id=\"signin\">Send <code>/admin</code> to the bot from an \
             admin's Telegram account: it answers with a sign-in link that works once, for 10 \
             minutes.</p>{widget}"
        ),
    )
}

/// After a sign-in: the session cookie is set; the browser moves on to the dashboard by
/// itself (a same-site navigation, so the SameSite=Strict cookie goes with it, which a
/// redirect started from Telegram's link would not carry).
pub fn signed_in() -> String {
    "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta http-equiv=\"refresh\" content=\"0;url=/admin\"><title>Signed in</title>\
         <link rel=\"stylesheet\" href=\"/admin/style.css\"></head><body>\
         <p id=\"signed-in\">Signed in. <a href=\"/admin\">Continue to the dashboard</a>.</p>\
         </body></html>"
        .to_owned()
}

/// What the dashboard shows.
pub struct Dashboard<'a> {
    /// The admin signed in.
    pub admin_id: i64,
    /// The session's CSRF token.
    pub csrf: &'a str,
    /// The figures.
    pub figures: &'a Figures,
    /// The outbox by lane and status.
    pub outbox: &'a [(String, String, i64)],
    /// Pending messages per lane: how many and how late the oldest is.
    pub lanes: &'a [(String, i64, i64)],
    /// This process's send counters: sent, failed, retried, expired, 429s.
    pub process: [(&'static str, u64); 5],
    /// A page of users.
    pub users: &'a [UserLine],
    /// The id the page starts after.
    pub after: i64,
    /// Whether there is a next page.
    pub more: bool,
    /// Recent broadcasts.
    pub broadcasts: &'a [Broadcast],
    /// Recent admin actions.
    pub actions: &'a [ActionLine],
    /// A notice after an action (fixed texts only).
    pub notice: Option<&'a str>,
}

fn row(cells: &[String]) -> String {
    let mut s = String::from("<tr>");
    for c in cells {
        s.push_str("<td>");
        s.push_str(c);
        s.push_str("</td>");
    }
    s.push_str("</tr>");
    s
}

fn head(cells: &[&str]) -> String {
    let mut s = String::from("<tr>");
    for c in cells {
        s.push_str("<th>");
        s.push_str(c);
        s.push_str("</th>");
    }
    s.push_str("</tr>");
    s
}

/// The dashboard.
pub fn dashboard(d: &Dashboard<'_>) -> String {
    let f = d.figures;
    let mut b = format!(
        "<h1>headlog admin</h1><p class=\"muted\">Signed in as admin <span id=\"admin\">{}</span>. \
         <form class=\"inline\" method=\"post\" action=\"/admin/logout\">{}<button>Sign out</button>\
         </form></p>",
        d.admin_id,
        csrf_field(d.csrf)
    );
    if let Some(n) = d.notice {
        b.push_str(&format!("<p id=\"notice\">{}</p>", escape(n)));
    }
    b.push_str("<h2>Users and activity</h2><table class=\"figures\" id=\"figures\">");
    for (label, id, n) in [
        ("Users", "users", f.users),
        ("Active in the last 7 days", "active_7d", f.active_7d),
        ("Active in the last 30 days", "active_30d", f.active_30d),
        ("Blocked the bot", "blocked_bot", f.blocked_bot),
        ("Suspended by an admin", "suspended", f.suspended),
        ("Records in the last 24 hours", "records_24h", f.records_24h),
        ("Records in the last 7 days", "records_7d", f.records_7d),
    ] {
        b.push_str(&format!(
            "<tr><th>{label}</th><td data-figure=\"{id}\">{n}</td></tr>"
        ));
    }
    b.push_str("</table><h2>Delivery</h2><table id=\"outbox\">");
    b.push_str(&head(&["Lane", "Status", "Messages"]));
    for (lane, status, n) in d.outbox {
        b.push_str(&row(&[escape(lane), escape(status), n.to_string()]));
    }
    b.push_str("</table><table id=\"lanes\">");
    b.push_str(&head(&["Lane", "Waiting", "Oldest due, seconds late"]));
    for (lane, n, lag) in d.lanes {
        b.push_str(&row(&[
            escape(lane),
            n.to_string(),
            lag.max(&0).to_string(),
        ]));
    }
    b.push_str("</table><p class=\"muted\">This process since its start:");
    for (label, n) in d.process {
        b.push_str(&format!(" {label} {n};"));
    }
    b.push_str("</p>");
    b.push_str(&broadcast_form(d.csrf));
    b.push_str(&broadcast_list(d.broadcasts));
    b.push_str(&users(d));
    b.push_str(&actions(d.actions));
    layout("Dashboard", &b)
}

fn broadcast_form(csrf: &str) -> String {
    format!(
        "<h2>New broadcast</h2><form method=\"post\" action=\"/admin/broadcasts\" id=\"new-broadcast\">\
         {}<p><textarea name=\"text\" rows=\"5\" maxlength=\"4096\" required></textarea></p>\
         <p><label>Language <select name=\"lang\"><option value=\"\">everyone</option>\
         <option value=\"en\">English</option><option value=\"ru\">Russian</option></select></label> \
         <label>Send at (UTC, empty for now) <input type=\"datetime-local\" name=\"at\"></label></p>\
         <p><button>Preview</button> <span class=\"muted\">Nothing is sent before you confirm.</span></p>\
         </form>",
        csrf_field(csrf)
    )
}

fn broadcast_list(list: &[Broadcast]) -> String {
    let mut b = String::from("<h2>Broadcasts</h2><table id=\"broadcasts\">");
    b.push_str(&head(&[
        "Id",
        "Status",
        "Language",
        "Due",
        "Recipients",
        "Sent",
        "Failed",
        "Blocked",
        "Waiting",
    ]));
    for x in list {
        b.push_str(&row(&[
            format!("<a href=\"/admin/broadcasts/{0}\">#{0}</a>", x.id),
            escape(&x.status),
            escape(x.lang.as_deref().unwrap_or("all")),
            opt_when(x.due_at),
            x.recipients.to_string(),
            x.sent.to_string(),
            x.failed.to_string(),
            x.blocked.to_string(),
            x.pending.to_string(),
        ]));
    }
    b.push_str("</table>");
    b
}

fn users(d: &Dashboard<'_>) -> String {
    let mut b = String::from("<h2>Users</h2><table id=\"users\">");
    b.push_str(&head(&[
        "Telegram id",
        "Since",
        "Last active",
        "Records",
        "Status",
        "Actions",
    ]));
    for u in d.users {
        let status = match (u.suspended_at, u.blocked_at) {
            (Some(_), _) => "suspended",
            (None, Some(_)) => "blocked the bot",
            (None, None) => "active",
        };
        let toggle = if u.suspended_at.is_some() {
            "unblock"
        } else {
            "block"
        };
        b.push_str(&format!(
            "<tr data-user=\"{id}\"><td>{id}</td><td>{}</td><td>{}</td><td>{}</td><td>{status}</td>\
             <td><a href=\"/admin/users/{id}/{toggle}\">{toggle}</a> · \
             <a href=\"/admin/users/{id}/erase\">erase</a></td></tr>",
            when(u.created_at),
            opt_when(u.last_seen_at),
            u.records,
            id = u.id
        ));
    }
    b.push_str("</table><p>");
    if d.after > 0 {
        b.push_str("<a href=\"/admin\">First page</a> ");
    }
    if let (true, Some(last)) = (d.more, d.users.last()) {
        b.push_str(&format!(
            "<a href=\"/admin?after={}\" id=\"next\">Next page</a>",
            last.id
        ));
    }
    b.push_str("</p>");
    b
}

fn actions(list: &[ActionLine]) -> String {
    let mut b = String::from("<h2>Action log</h2><table id=\"actions\">");
    b.push_str(&head(&["When", "Admin", "Action", "User", "Broadcast"]));
    for a in list {
        b.push_str(&row(&[
            when(a.created_at),
            a.admin_id.to_string(),
            escape(&a.action),
            a.target_user.map(|u| u.to_string()).unwrap_or_default(),
            a.broadcast_id.map(|u| format!("#{u}")).unwrap_or_default(),
        ]));
    }
    b.push_str("</table>");
    b
}

/// Confirms an action on a user.
pub fn confirm_user(user_id: i64, action: &str, csrf: &str) -> String {
    let what = match action {
        "block" => {
            "Suspend this user? Until unblocked, every message they send gets one short \
             notice that the account is suspended; nothing reaches their diary and no \
             reminders or broadcasts are sent to them."
        }
        "unblock" => "Lift this user's suspension? The bot works for them again at once.",
        _ => {
            "Erase this user? Everything headlog holds about them (records, doses, day \
             records, habits, settings, queued messages) is deleted for good, as /forget does."
        }
    };
    layout(
        "Confirm",
        &format!(
            "<h1>headlog admin</h1><p>{what}</p><p>User <strong>{user_id}</strong></p>\
             <form method=\"post\" action=\"/admin/users/{user_id}/{action}\" id=\"confirm\">{}\
             <button id=\"confirm-button\">Yes, {action} user {user_id}</button></form>\
             <p><a href=\"/admin\">Back without doing anything</a></p>",
            csrf_field(csrf)
        ),
    )
}

/// One broadcast: its text, counters, and the forms that fit its status.
pub fn broadcast(x: &Broadcast, csrf: &str, now: i64) -> String {
    let mut b = format!(
        "<h1>Broadcast #{}</h1><p><a href=\"/admin\">Dashboard</a></p>\
         <p>Status: <strong id=\"status\">{}</strong>; language: {}; due: {}</p>\
         <pre id=\"text\">{}</pre>",
        x.id,
        escape(&x.status),
        escape(x.lang.as_deref().unwrap_or("everyone")),
        opt_when(x.due_at),
        escape(&x.body)
    );
    b.push_str("<table class=\"figures\" id=\"counters\">");
    for (label, id, n) in [
        ("Recipients (enqueued)", "recipients", x.recipients),
        ("Sent", "sent", x.sent),
        ("Failed", "failed", x.failed),
        ("Blocked the bot", "blocked", x.blocked),
        ("Skipped (suspended)", "skipped", x.skipped),
        ("Waiting", "pending", x.pending),
    ] {
        b.push_str(&format!(
            "<tr><th>{label}</th><td data-counter=\"{id}\">{n}</td></tr>"
        ));
    }
    b.push_str("</table>");
    if x.status == "draft" {
        let at = match x.due_at {
            Some(t) if t > now => format!(
                "<button name=\"when\" value=\"scheduled\" id=\"schedule\">Schedule for {}</button>",
                when(t)
            ),
            _ => String::new(),
        };
        b.push_str(&format!(
            "<form method=\"post\" action=\"/admin/broadcasts/{}/send\" id=\"send\">{}\
             <p>Send this text to every user{} who has not blocked the bot and is not suspended, \
             through the rate-limited scheduled lane?</p>\
             <button name=\"when\" value=\"now\" id=\"send-now\">Send now</button> {at}</form>",
            x.id,
            csrf_field(csrf),
            match x.lang.as_deref() {
                Some(l) => format!(" speaking <code>{}</code>", escape(l)),
                None => String::new(),
            }
        ));
    }
    if x.status == "draft" || x.status == "scheduled" {
        b.push_str(&format!(
            "<form method=\"post\" action=\"/admin/broadcasts/{}/cancel\" id=\"cancel\">{}\
             <button>Cancel this broadcast</button></form>",
            x.id,
            csrf_field(csrf)
        ));
    }
    layout("Broadcast", &b)
}
