# /admin (admins only) and the notice to a suspended user.
admin-login-link = Your admin sign-in link (works once, for { $minutes } minutes; do not forward it):
    { $url }
admin-no-public-url = The admin page needs HEADLOG_PUBLIC_URL to be set, so that a sign-in link can point to it.
admin-suspended = This account is suspended, so the diary is not available. If you think this is a mistake, please contact the bot's operator.
