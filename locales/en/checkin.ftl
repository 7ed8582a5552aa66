# headlog, en: checkin. Keys must match every other language (a test checks).
