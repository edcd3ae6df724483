"""Golden files: a mismatch fails with a unified diff; update rewrites on purpose."""
from __future__ import annotations

import shutil

from conftest import PROJECT

from cleaner.cli import main
from cleaner.golden import find_cases


def copy_project_cases(tmp_path):
    shutil.copytree(PROJECT / "seeds", tmp_path / "seeds")
    shutil.copytree(PROJECT / "golden", tmp_path / "golden")
    return tmp_path


def test_every_seed_matches_its_golden_files(capsys):
    count = len(find_cases(PROJECT / "seeds", PROJECT / "golden"))
    assert main(["golden", "check", "--seeds", str(PROJECT / "seeds"), "--golden", str(PROJECT / "golden")]) == 0
    assert f"{count} of {count} cases match" in capsys.readouterr().out


def test_mismatch_fails_with_a_diff(tmp_path, capsys):
    root = copy_project_cases(tmp_path)
    golden_text = root / "golden" / "001_d4c294c887a2ff25.txt"
    golden_text.write_text(golden_text.read_text() + "\nA paragraph the cleaner does not produce.\n")
    args = ["--seeds", str(root / "seeds"), "--golden", str(root / "golden")]
    assert main(["golden", "check", *args]) == 1
    out = capsys.readouterr().out
    assert "MISMATCH 001_d4c294c887a2ff25" in out
    assert "-A paragraph the cleaner does not produce." in out and "+++" in out
    assert main(["golden", "update", "001_d4c294c887a2ff25", *args]) == 0
    assert main(["golden", "check", *args]) == 0


def test_a_case_without_golden_files_fails(tmp_path, capsys):
    root = copy_project_cases(tmp_path)
    (root / "seeds" / "new.txt").write_text("A new raw input nobody reviewed yet, with enough words to be a story.\n")
    assert main(["golden", "check", "--seeds", str(root / "seeds"), "--golden", str(root / "golden")]) == 1
    assert "no golden files yet" in capsys.readouterr().out
