"""Running the ``pannet-edu`` command in-process, for the command-line tests."""

from pannet_edu import cli


def run(capsys, *argv: str) -> tuple[int, str, str]:
    """Exit status, stdout and stderr of ``pannet-edu ARGV``; no traceback may reach the user."""
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err
