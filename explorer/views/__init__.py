"""One view model per page: a page's settings in; figures, numbers, verdicts and jobs out."""
