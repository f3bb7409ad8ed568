"""The application's files for the funder: the budget annex (`budget_annex`, XLSX), the whole application as one
PDF (`application_pdf`), and the commitments table the PDF lists (`commitments`, a hook the partners'
confirmations fill in). Made on demand for a draft; a submitted application serves the files frozen then."""
