"""The site's scripts and stylesheets ship without comments, and mean the same."""

from __future__ import annotations

from marginalia.minify import shipped
from marginalia.site import ASSETS


def test_stylesheets_and_scripts_lose_their_comments_and_nothing_else(tmp_path):
    css, js = tmp_path / "a.css", tmp_path / "a.js"
    css.write_text('/* why */\n.a::before { content: "/* kept */"; }\n', encoding="utf-8")
    js.write_text('/* why */\nvar re = /[^/]*$/, s = "// kept"; // why\n', encoding="utf-8")
    assert shipped(css) == '.a::before{content:"/* kept */"}'
    assert shipped(js) == 'var re=/[^/]*$/,s="// kept";'


def test_other_files_are_copied_as_they_are(tmp_path):
    image = tmp_path / "a.png"
    image.write_bytes(b"\x89PNG")
    assert shipped(image) is None


def test_every_asset_ships_smaller_than_its_source():
    for path in ASSETS.glob("*.[cj]s"):
        assert 0 < len(shipped(path)) < len(path.read_text(encoding="utf-8")), path.name
