"""The job pool, pure Python (no Streamlit): `local` (the pool: queue, sharing by key, Cancel,
shutdown; jobs in this process's threads), `cluster` (every declared job on a Dask cluster with
`RNNX_CLUSTER`), `waiting` (the queue's wait). Its page glue is ui/jobs.py."""
