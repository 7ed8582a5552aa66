# headlog, en: meds. Keys must match every other language (a test checks).
