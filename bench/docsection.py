"""Rewrites one marked section of docs/benchmarks.md (the text between a script's begin and end markers), leaving the
rest of the file as it is; appends the section, markers included, when the file does not have them yet."""


def write_section(out, begin, end, section):
    try:
        text = open(out).read()
    except OSError:
        text = ""
    if begin in text and end in text:
        text = text[:text.index(begin) + len(begin)] + "\n" + section + "\n" + text[text.index(end):]
    else:
        text = text.rstrip("\n") + "\n\n" + begin + "\n" + section + "\n" + end + "\n"
    open(out, "w").write(text)
