# headlog, en: trash. Keys must match every other language (a test checks).
