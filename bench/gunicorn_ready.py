"""gunicorn settings for bench/load.py: a worker says when it has loaded the application and takes requests."""


def post_worker_init(worker):
    worker.log.info("bench: worker %s ready", worker.pid)
