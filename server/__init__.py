"""Server mode: Red School installed on one machine, each person their own system account."""
