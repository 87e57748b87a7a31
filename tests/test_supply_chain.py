"""Every Python package, dependencies included, comes from a lock with hashes (requirements.txt, written
by `make lock` from requirements.in), and `make` installs it with --require-hashes."""
import re
import subprocess
import sysconfig
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# pip comes with the venv itself (python3 -m venv), not from any requirements file.
VENV_OWN = {"pip"}


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def locked(path: Path) -> dict[str, tuple[str, list[str]]]:
    """{package: (version, hashes)} from a pip-compile lock; fails on any line that is not pinned."""
    entries = {}
    for block in re.split(r"\n(?=\S)", path.read_text(encoding="utf-8")):
        requirement = block.split("\\")[0].strip()
        if not requirement or requirement.startswith("#"):
            continue
        match = re.fullmatch(r"([A-Za-z0-9._-]+)==([A-Za-z0-9.+!-]+)", requirement)
        assert match, f"not pinned with ==: {requirement!r}"
        entries[canonical(match.group(1))] = (match.group(2), re.findall(r"--hash=sha256:([0-9a-f]{64})", block))
    return entries


def test_every_locked_package_is_pinned_with_at_least_one_hash():
    for lock in ("requirements.txt", "requirements-tools.txt"):
        entries = locked(ROOT / lock)
        assert len(entries) >= 5
        assert [name for name, (_, hashes) in entries.items() if not hashes] == [], lock


def test_the_lock_holds_every_direct_requirement_at_its_pinned_version():
    entries = locked(ROOT / "requirements.txt")
    for line in (ROOT / "requirements.in").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, version = line.split("#")[0].strip().split("==")
            assert entries[canonical(name)][0] == version, name
    tools = locked(ROOT / "requirements-tools.txt")
    assert tools["pip-tools"][0] == (ROOT / "requirements-tools.in").read_text().split("pip-tools==")[1].split()[0]


def test_every_package_installed_here_is_in_the_lock_at_the_locked_version():
    entries = locked(ROOT / "requirements.txt")
    # Only what pip installed into this environment: once imported, setuptools puts its own vendored
    # copies (jaraco.*, importlib_metadata, …) on sys.path too, and they are part of setuptools.
    site_packages = sorted({sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]})
    installed = {canonical(dist.metadata["Name"]): dist.version for dist in metadata.distributions(path=site_packages)}
    unlocked = {name: version for name, version in installed.items()
                if name not in VENV_OWN and entries.get(name, (None,))[0] != version}
    assert unlocked == {}, "installed but not from the lock (run `make .venv/.installed`, or add it to requirements.in)"


def test_make_installs_python_packages_with_require_hashes_and_wheels_only():
    recipe = subprocess.run(["make", "--always-make", "--dry-run", ".venv/.installed"], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout
    install = [line for line in recipe.splitlines() if "pip install" in line]
    assert install and all("--require-hashes" in line and "--only-binary :all:" in line for line in install)
    assert any("-r requirements.txt" in line for line in install)
