# headlog, en: details. Keys must match every other language (a test checks).
