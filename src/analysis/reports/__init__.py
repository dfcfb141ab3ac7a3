"""`analysis report`: parameterised notebooks run with papermill and published as reports.

The stages, one module each, in the order a run goes through them:

- `model`: the run's data (Job, Outcome, RunResult), imported by every other stage;
- `params`: a notebook's declared parameters, read, validated and bound in the kernel;
- `plan`: which notebooks run with which values, and whether the data is fresh enough;
- `execute`: run the planned notebooks in parallel on one pinned data version;
- `render`: an executed notebook as HTML (and PDF through headless Chromium);
- `index`: the run's index.html and index.json;
- `publish`: point reports/<as_of> and reports/latest at the finished run, prune the rest;
- `page` and `findings/`: used inside the notebooks to show tables, sentences and charts.

Nothing is imported here, so a notebook importing `analysis.reports.page` pays only for that.
"""
