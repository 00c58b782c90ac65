#!/usr/bin/env python3
"""Writes the hostile cases of bench/hostile.sh: python3 bench/hostile_cases.py ROOT KIND N [M].

Each case is a small site under ROOT/KIND+N: a list of N links (`list`), N links in one
paragraph (`para`), an N MB line of mixed markup (`line`), an N MB page (`big`, with the
limit raised), N headings and anchors (`anchors`), N renamed Fluent ids (`fluent`) or
misspelt ones (`fluenttypo`), an N-message Fluent reference chain (`chain`), N misspelt YAML
keys (`yaml`), N pages with M broken links each (`suggest`).
"""
import os, sys, shutil
root = sys.argv[1]
PAGE = "---\ntitle: Help\nlang: {lang}\n---\n\n## Start {{#start}}\n\nSee [start](#start).\n\n"
def w(case, rel, text):
    p = os.path.join(root, case, rel); os.makedirs(os.path.dirname(p), exist_ok=True)
    open(p, "w").write(text)
def site(case, extra_en, extra_de, config=None):
    shutil.rmtree(os.path.join(root, case), ignore_errors=True)
    w(case, "en/index.md", PAGE.format(lang="en") + extra_en)
    w(case, "de/index.md", PAGE.format(lang="de") + extra_de)
    if config: w(case, "l10nlint.toml", config)
def lists(n):
    en = "".join(f"- [server{i}.example.org](https://server{i}.example.org/)\n" for i in range(n))
    de = "".join(f"- [server{i}.example.org](https://server{i if i%7 else i+1}.example.org/)\n" for i in range(n))
    site(f"list{n}", en, de)
def para(n):
    en = " ".join(f"[l{i}](https://example.org/p{i})" for i in range(n)) + "\n"
    de = " ".join(f"[l{i}](https://example.org/p{i if i%5 else i+1})" for i in range(n)) + "\n"
    site(f"para{n}", en, de)
def line(mb):
    pieces = ["word ", "[x](#start) ", "{{ ", "{% if %} ", "[", "](", '<a href="#start">', "`", "https://example.org/a ", "*", "_"]
    out=[]; size=0; index=0
    while size < mb*1000*1000:
        p = pieces[index % len(pieces)]; out.append(p); size += len(p)
        index = (index*7+3) % 1000003
    s="".join(out)+"\n"
    site(f"line{mb}", "Text\n", s)
def big(mb):
    para = "Text with [a link](#start), {{ site.title }}, <b>html</b> and https://example.org/x.\n\n"
    n = mb*1024*1024//len(para)+1
    site(f"big{mb}", "Text\n", para*n, "max-file-size = 60_000_000\n")
def anchors(n):
    en = "".join(f"## Heading {i}\n\nSee [h](#heading-{i}).\n\n" for i in range(n))
    de = "".join(f"## Heading {i}\n\nSee [h](#heading-{i+1 if i%3==0 else i}x).\n\n" for i in range(n))
    site(f"anchors{n}", en, de)
def fluent(n):
    case=f"fluent{n}"; shutil.rmtree(os.path.join(root, case), ignore_errors=True)
    w(case, "locales/en/app.ftl", "".join(f"message-{i} = Text {i}\n" for i in range(n)))
    w(case, "locales/de/app.ftl", "".join(f"msg-{i}-renamed = Text {i}\n" for i in range(n)))
def fluent_typo(n):
    case=f"fluenttypo{n}"; shutil.rmtree(os.path.join(root, case), ignore_errors=True)
    w(case, "locales/en/app.ftl", "".join(f"message-{i} = Text {i}\n" for i in range(n)))
    w(case, "locales/de/app.ftl", "".join(f"mesage-{i} = Text {i}\n" for i in range(n)))
def chain(n):
    case=f"chain{n}"; shutil.rmtree(os.path.join(root, case), ignore_errors=True)
    w(case, "locales/en/app.ftl", "".join(f"m{i} = {{ m{i+1} }}\n" for i in range(n)) + f"m{n} = end\n")
    w(case, "locales/de/app.ftl", "".join(f"m{i} = {{ m{i+1} }}\n" for i in range(n)) + f"m{n} = Ende\n")
def yaml(n):
    case=f"yaml{n}"; shutil.rmtree(os.path.join(root, case), ignore_errors=True)
    w(case, "_config.yml", "title: x\n")
    w(case, "_data/lang/en.yml", "en:\n" + "".join(f"  key_{i}: Text {i}\n" for i in range(n)))
    w(case, "_data/lang/de.yml", "de:\n" + "".join(f"  kei_{i}: Text {i}\n" for i in range(n)))
def suggest(pages, broken):
    case=f"suggest{pages}"; shutil.rmtree(os.path.join(root, case), ignore_errors=True)
    for lang in ["en","de"]:
        for p in range(pages):
            links = "".join(f"- [x](/{lang}/docs/section-{(p*31+j)%pages}/page-{(p*17+j)%pages}x/)\n" for j in range(broken))
            w(case, f"{lang}/docs/section-{p%50}/page-{p}.md", PAGE.format(lang=lang) + links)
cases = dict(list=lists, para=para, line=line, big=big, anchors=anchors, fluent=fluent, fluenttypo=fluent_typo, chain=chain, yaml=yaml)
kind = sys.argv[2]
if kind == "suggest": suggest(int(sys.argv[3]), int(sys.argv[4]))
else: cases[kind](int(sys.argv[3]))
