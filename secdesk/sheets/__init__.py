"""The four published spreadsheets: their declarations (layouts), writing and reading
workbooks, importing, and publishing."""
