# Starts a dask scheduler and a worker (with its nanny) as subprocesses of sys.executable, runs a task,
# and reports which program the scheduler and the worker run as. Usage: python dask_task.py WORK_DIRECTORY
import os, subprocess, sys, time
from distributed import Client

work = sys.argv[1]
scheduler_file = os.path.join(work, "scheduler.json")
env = dict(os.environ, PYTHONWARNINGS="ignore")
scheduler = subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_scheduler", "--scheduler-file", scheduler_file,
                              "--host", "127.0.0.1", "--port", "0", "--no-dashboard"], env=env)
worker = None
try:
    for _ in range(300):
        if os.path.exists(scheduler_file):
            break
        time.sleep(0.1)
    worker = subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_worker", "--scheduler-file", scheduler_file,
                               "--nthreads", "1", "--nworkers", "1", "--no-dashboard", "--local-directory", work], env=env)
    with Client(scheduler_file=scheduler_file, timeout=60) as client:
        client.wait_for_workers(1, timeout=60)
        print("result", client.submit(lambda x: x + 1, 41).result())
        print("worker executable", list(client.run(lambda: sys.executable).values())[0])
        print("scheduler executable", client.run_on_scheduler(lambda: sys.executable))
finally:
    for process in (worker, scheduler):
        if process is not None:
            process.terminate()
            process.wait(30)
