//! Types and rules of the diary, without I/O.

pub mod attack;
pub mod day;
pub mod export;
pub mod figures;
pub mod habits;
pub mod lang;
pub mod localtime;
pub mod medication;
pub mod questionnaires;
pub mod ratelimit;
pub mod reminders;
pub mod report;
pub mod text;
pub mod typed_time;
pub mod user;
pub mod zones;

/// Defines an enum of fixed choices stored and exported by stable keys.
macro_rules! key_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $var:ident = $key:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($(#[$vmeta])* $var),+ }

        impl $name {
            /// Every choice, in display order.
            pub const ALL: &'static [$name] = &[$($name::$var),+];

            /// The stable key used in the database, exports and translation keys.
            pub fn key(self) -> &'static str {
                match self { $($name::$var => $key),+ }
            }

            /// The choice with this key, if any.
            pub fn from_key(key: &str) -> Option<Self> {
                match key { $($key => Some($name::$var),)+ _ => None }
            }
        }
    };
}
pub(crate) use key_enum;
