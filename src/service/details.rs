//! Rules for attack details: what each field accepts.
