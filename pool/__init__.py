"""The job pool's parts that are neither page glue nor model: the cluster backend and queue waits."""
