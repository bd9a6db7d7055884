"""The bookmarklet's JavaScript, built for one user's endpoint and token.

It sends the page's URL and HTML (scripts, styles and images stripped — except JSON-LD, which carries the
schema.org JobPosting — so that big job-board pages fit a normal request) to keepwarm with fetch, and opens
the captured opportunity for review in a new tab. Pages whose Content-Security-Policy forbids the fetch get a
plain form post to the same endpoint instead.
"""

import json
from urllib.parse import quote

TEMPLATE = """(function(){var e=%(endpoint)s,t=%(token)s,u=location.href;
var c=document.documentElement.cloneNode(true);
c.querySelectorAll('script:not([type="application/ld+json"]),style,svg,noscript,iframe,img,video,link[rel=stylesheet]')
.forEach(function(n){n.remove()});
var h=c.outerHTML,w=window.open('about:blank','keepwarm_capture');
function post(){var f=document.createElement('form');f.method='POST';f.action=e;f.target='keepwarm_capture';
[['token',t],['url',u],['html',h],['via','form']].forEach(function(p){var i=document.createElement('input');
i.type='hidden';i.name=p[0];i.value=p[1];f.appendChild(i)});document.body.appendChild(f);f.submit()}
var d=new URLSearchParams();d.set('token',t);d.set('url',u);d.set('html',h);
fetch(e,{method:'POST',body:d,credentials:'omit'}).then(function(r){return r.json()}).then(function(j){
if(j.review_url){if(w){w.location=j.review_url}else{location.href=j.review_url}}
else{if(w){w.close()}alert('keepwarm: '+(j.error||'capture failed'))}}).catch(post)})();"""


def bookmarklet_js(endpoint: str, token: str) -> str:
    code = TEMPLATE % {"endpoint": json.dumps(endpoint), "token": json.dumps(token)}
    return " ".join(line.strip() for line in code.splitlines())


def bookmarklet_href(endpoint: str, token: str) -> str:
    # Percent-encoded so quotes and spaces survive the href attribute and every browser's bookmark bar.
    return "javascript:" + quote(bookmarklet_js(endpoint, token), safe="(){}[];,=:'!*+/.-_~")
