"""The iframe-worker shim (npm iframe-worker), changed so its frame runs one script whose hash is known.

From a folder (file://) browsers refuse workers made from files, so Material's offline plugin loads
iframe-worker, which runs the search worker in a hidden frame. The frame's page is written by
document.write with an inline script that names the worker's address, so its text (and its hash) changed
with the folder the copy was unzipped to, and the offline policy had to allow every inline script
('unsafe-inline'). Here that script is FRAME_SCRIPT, the same text in every folder: the frame reads the
worker's address from its own element (data-url), and the offline policy names the script by its hash.
"""
from __future__ import annotations

import base64
import hashlib

# The frame's inline script: what the shim wrote before (a worker's postMessage and importScripts for
# scripts in a page, and errors passed up to the page), with the address read from the frame element.
FRAME_SCRIPT = (
    'postMessage=(message,transfer)=>parent.postMessage(message,transfer||"*");'
    'importScripts=(...urls)=>urls.reduce((done,url)=>done.then(()=>new Promise(loaded=>{'
    'const script=document.createElement("script");script.src=url;script.onload=loaded;'
    'document.body.appendChild(script)})),Promise.resolve());'
    'addEventListener("error",({error})=>{parent.dispatchEvent(new ErrorEvent("error",'
    '{filename:frameElement.dataset.url,error}))})'
)
# The exact text of npm iframe-worker 1.0.x's shim that is replaced, and by what.
_SHIM_CHANGES = [
    ('<script>postMessage=${c};importScripts=${d};addEventListener("error",({error})=>{parent.dispatchEvent('
     'new ErrorEvent("error",{filename:"${e}",error}))})<\\/script>', f"<script>{FRAME_SCRIPT}<\\/script>"),
    ("r.hidden=!0,", "r.hidden=!0,r.dataset.url=e,"),
]


def frame_script_source() -> str:
    """FRAME_SCRIPT as a Content-Security-Policy source ('sha256-…')."""
    return f"'sha256-{base64.b64encode(hashlib.sha256(FRAME_SCRIPT.encode('utf-8')).digest()).decode('ascii')}'"


def fixed_frame_shim(shim: str) -> str:
    """The shim's text with its frame script replaced by FRAME_SCRIPT; ValueError if the shim is not the
    version this was written for (each replaced text must occur exactly once)."""
    for old, new in _SHIM_CHANGES:
        if shim.count(old) != 1:
            raise ValueError(f"node_modules/iframe-worker/shim/index.js changed: {old[:60]}… not found once")
        shim = shim.replace(old, new)
    return shim
