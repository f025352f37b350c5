"""Bad inputs for the reliability tests: typed texts, workbooks, templates and catalogs, generated at test time."""
