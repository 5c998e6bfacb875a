"""What a run keeps between runs: ``store`` (SQLite: translation memory, feed items,
outcomes, owners; append-only migrations; the lock), ``lastrun`` (the record that lets a
rerun replay) and ``fsutil`` (atomic writes, reads bounded to their folder).
"""
