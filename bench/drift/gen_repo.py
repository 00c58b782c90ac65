#!/usr/bin/env python3
"""Generates a translated site with a long history for the drift benchmark: LOCALES
translations of PAGES English pages, and COMMITS commits that edit source pages and
translations, written through `git fast-import` (seconds, not minutes).

usage: gen_repo.py DIR [--locales 20] [--pages 500] [--commits 5000]
"""
import argparse
import random
import subprocess
import sys
from pathlib import Path

LOCALES = ["de", "es", "fr", "it", "ja", "ko", "nl", "pl", "pt-br", "ru", "sv", "tr", "uk",
           "vi", "zh-cn", "zh-tw", "ar", "cs", "fi", "hu", "id", "ro", "da", "el"]


def page(locale, number, version):
    links = "\n".join(
        f"- [link {n}](https://example.org/{locale if n % 3 == 0 else 'en'}/topic-{number}-{n})"
        for n in range(version % 7 + 3))
    paragraphs = "\n\n".join(
        f"Paragraph {p} of page {number} in {locale}, version {version}. " * 3 for p in range(6))
    return (f"---\ntitle: Page {number}\n---\n\n# Page {number}\n\n{paragraphs}\n\n"
            f"## Links {{#links}}\n\n{links}\n")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dir")
    parser.add_argument("--locales", type=int, default=20)
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--commits", type=int, default=5000)
    args = parser.parse_args()
    root = Path(args.dir)
    root.mkdir(parents=True, exist_ok=True)
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    locales = ["en"] + LOCALES[:args.locales]
    random.seed(15)
    versions = {(locale, number): 0 for locale in locales for number in range(args.pages)}
    out = []
    time = 1_600_000_000

    def commit(message, files):
        nonlocal time
        time += 3600
        out.append(f"commit refs/heads/main\ncommitter Bench <bench@example.org> {time} +0000\n")
        data = message.encode()
        out.append(f"data {len(data)}\n{message}\n")
        for (locale, number) in files:
            text = page(locale, number, versions[(locale, number)]).encode()
            out.append(f"M 100644 inline content/{locale}/page-{number}.md\ndata {len(text)}\n")
            out.append(text.decode() + "\n")

    commit("initial", list(versions))
    for index in range(1, args.commits):
        if random.random() < 0.6:
            # An English edit of one to three pages.
            changed = [("en", random.randrange(args.pages)) for _ in range(random.randint(1, 3))]
        else:
            # A translation round: one locale catches up on up to 20 pages.
            locale = random.choice(locales[1:])
            changed = [(locale, random.randrange(args.pages)) for _ in range(random.randint(1, 20))]
        for key in changed:
            versions[key] += 1
        commit(f"change {index}", sorted(set(changed)))
    stream = "".join(out).encode()
    subprocess.run(["git", "-C", str(root), "fast-import", "--quiet"], input=stream, check=True)
    subprocess.run(["git", "-C", str(root), "checkout", "-q", "-f", "main"], check=True)
    print(f"{root}: {len(locales) - 1} translations of {args.pages} pages, {args.commits} commits",
          file=sys.stderr)


if __name__ == "__main__":
    main()
