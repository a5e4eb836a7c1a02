"""Benchmarks: `make bench` runs every `bench_*.py` here, each as its own process.

Each script prints a small table and writes `benchmarks/results/<name>.json`.
Machines here are noisy, so each compares two things measured in the same run.
"""
