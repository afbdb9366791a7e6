#!/usr/bin/env bash
# Grade the home page, an article and the admin sign-in with the Mozilla HTTP Observatory, locally.
#
# Serves the portal with production settings over TLS (a throwaway self-signed certificate) on
# 127.0.0.1:$HTTPS_PORT, with a plain-HTTP port that redirects to it as a proxy would, then scans.
# Needs node/npm (the scanner is installed under $WORK, outside the project). Exit 0 = every page >= 125.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PY:-.venv/bin/python}
HTTPS_PORT=${HTTPS_PORT:-8161}
HTTP_PORT=${HTTP_PORT:-8162}
WORK=${WORK:-/tmp/clinic-portal-observatory}
OBSERVATORY_VERSION=1.4.8
mkdir -p "$WORK"

if [ ! -d "$WORK/node_modules/@mdn/mdn-http-observatory" ]; then
  # --ignore-scripts: its install script downloads a CA bundle we do not need for a local scan.
  npm install --prefix "$WORK" --no-audit --no-fund --ignore-scripts "@mdn/mdn-http-observatory@$OBSERVATORY_VERSION"
fi
# Its install script would download Chromium's HSTS preload list; 127.0.0.1 is on no such list anyway.
PRELOAD="$WORK/node_modules/@mdn/mdn-http-observatory/conf/hsts-preload.json"
[ -f "$PRELOAD" ] || echo '{}' > "$PRELOAD"
if [ ! -f "$WORK/cert.pem" ]; then
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=127.0.0.1" \
    -addext "subjectAltName=IP:127.0.0.1" -addext "basicConstraints=critical,CA:TRUE" \
    -keyout "$WORK/key.pem" -out "$WORK/cert.pem" 2>/dev/null
fi

export DJANGO_DEBUG=false DJANGO_SECRET_KEY=observatory-local-scan-only-$RANDOM$RANDOM$RANDOM$RANDOM
export DJANGO_ALLOWED_HOSTS=127.0.0.1 DATABASE_URL="sqlite:///$WORK/db.sqlite3" REDIS_URL=
"$PY" manage.py collectstatic --noinput -v0
"$PY" manage.py migrate --noinput -v0
"$PY" manage.py load_demo_content -v0
ARTICLE=$("$PY" manage.py shell -v0 -c "from education.models import Article; print(Article.objects.published().first().get_absolute_url())" | tail -1)
ADMIN_LOGIN=$("$PY" manage.py shell -v0 -c "from django.urls import reverse; print(reverse('admin:login'))" | tail -1)

.venv/bin/gunicorn clinic_portal.wsgi --bind "127.0.0.1:$HTTPS_PORT" --workers 1 --no-control-socket \
  --certfile "$WORK/cert.pem" --keyfile "$WORK/key.pem" --pid "$WORK/gunicorn.pid" &
GUNICORN=$!
# Port 80's job in production (the proxy's, or Django's SECURE_SSL_REDIRECT): send plain HTTP to HTTPS.
"$PY" - "$HTTP_PORT" "$HTTPS_PORT" <<'PYTHON' &
import http.server, sys
http_port, https_port = int(sys.argv[1]), sys.argv[2]
class Redirect(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(301)
        self.send_header("Location", f"https://127.0.0.1:{https_port}{self.path}")
        self.end_headers()
    do_HEAD = do_OPTIONS = do_GET
    def log_message(self, *args):
        pass
http.server.HTTPServer(("127.0.0.1", http_port), Redirect).serve_forever()
PYTHON
REDIRECT=$!
trap 'kill $GUNICORN $REDIRECT 2>/dev/null' EXIT
for _ in $(seq 50); do
  curl -ksf -o /dev/null "https://127.0.0.1:$HTTPS_PORT/healthz" && break
  sleep 0.2
done

NODE_EXTRA_CA_CERTS="$WORK/cert.pem" node scripts/observatory.mjs \
  "$WORK/node_modules/@mdn/mdn-http-observatory" 127.0.0.1 "$HTTPS_PORT" "$HTTP_PORT" / "$ARTICLE" "$ADMIN_LOGIN"
