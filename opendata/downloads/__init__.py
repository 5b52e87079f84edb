"""The whole directory as files: a CSV and an Open Referral UK JSON package, written by the
`build_open_data` command and served as they are."""
