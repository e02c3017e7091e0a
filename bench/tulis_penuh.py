#!/usr/bin/env python3
"""What SQLite's synchronous=FULL costs per committed write, against NORMAL.

Balai commits every letter number, payment and registry change in its own transaction, in WAL
mode. With NORMAL the WAL is synced only at checkpoints (a power cut can take back the last
commits); with FULL every commit waits for the disk. This measures that wait on the machine's
own disk: N small write transactions (BEGIN IMMEDIATE; INSERT; COMMIT) per setting, repeated.

    bench/tulis_penuh.py [--n 2000] [--ulang 3] [--folder DIR]

The folder should be on the disk Balai's database lives on (default: a temporary folder).
"""
import argparse, os, sqlite3, statistics, tempfile, time

def ukur(folder, mode, n):
    path = os.path.join(folder, f"sinkron_{mode}.db")
    for ext in ("", "-wal", "-shm"):
        if os.path.exists(path + ext):
            os.remove(path + ext)
    c = sqlite3.connect(path, isolation_level=None)
    c.execute("PRAGMA journal_mode=WAL")
    c.execute(f"PRAGMA synchronous={mode}")
    c.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, isi TEXT NOT NULL)")
    lama = []
    for i in range(n):
        t0 = time.perf_counter()
        c.execute("BEGIN IMMEDIATE")
        c.execute("INSERT INTO t (isi) VALUES (?)", ("x" * 200,))
        c.execute("COMMIT")
        lama.append((time.perf_counter() - t0) * 1000)
    c.close()
    lama.sort()
    return statistics.median(lama), lama[int(len(lama) * 0.95)], n / (sum(lama) / 1000)

def main():
    a = argparse.ArgumentParser()
    a.add_argument("--n", type=int, default=2000)
    a.add_argument("--ulang", type=int, default=3)
    a.add_argument("--folder", default=None)
    arg = a.parse_args()
    folder = arg.folder or tempfile.mkdtemp(prefix="balai_sinkron_")
    print(f"SQLite {sqlite3.sqlite_version}, {arg.n} write transactions per run, folder {folder}")
    for mode in ("NORMAL", "FULL"):
        hasil = [ukur(folder, mode, arg.n) for _ in range(arg.ulang)]
        med = statistics.median(h[0] for h in hasil)
        p95 = statistics.median(h[1] for h in hasil)
        tps = statistics.median(h[2] for h in hasil)
        print(f"synchronous={mode:6}  median {med:.3f} ms  p95 {p95:.3f} ms  {tps:,.0f} commits/s")

if __name__ == "__main__":
    main()
