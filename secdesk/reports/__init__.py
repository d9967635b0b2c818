"""The monthly Operations Report tables: helpdesk e-mails by category, SEC Party
statistics and UEP completions. Each is computed from the store by a plain function that
returns plain data; ``workbook`` writes them with native Excel charts, and the GUI draws
them with QtCharts. Nothing here imports Qt."""
