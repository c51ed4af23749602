#!/usr/bin/env bash
# Provides a WordPress core tree in .wp-core/ without reaching wordpress.org.
#
# WordPress 6.8 is taken from Debian trixie's `wordpress` package, downloaded with a
# private apt state so that the machine's own apt configuration is never touched. Debian's
# tree links into other packages (getid3, lodash, …): those links are resolved into plain files.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

check_core() {
	local f
	for f in wp-includes/version.php wp-includes/js/dist/components.min.js wp-includes/js/dist/vendor/lodash.min.js \
		wp-includes/ID3/getid3.php wp-content/themes/twentytwentyfive/style.css wp-includes/certificates/ca-bundle.crt; do
		[ -s "$CORE_DIR/$f" ] || return 1
	done
	[ -z "$(find "$CORE_DIR" -type l -print -quit)" ]
}

if [ -f "$CORE_DIR/.complete" ] && check_core; then
	exit 0
fi

ensure_debs curl ca-certificates dpkg debian-archive-keyring

APT="$CACHE/apt"
mkdir -p "$APT/lists/partial" "$APT/parts" "$APT/cache/archives/partial" "$APT/debs"
cat > "$APT/parts/trixie.sources" <<SRC
Types: deb
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
opts=(-q -oDir::Etc::SourceList=/dev/null "-oDir::Etc::SourceParts=$APT/parts" "-oDir::State::Lists=$APT/lists"
	"-oDir::Cache=$APT/cache" -oDebug::NoDropPrivs=1 -oAPT::Sandbox::User=root)

say "downloading WordPress core from Debian's archive"
pkgs=(wordpress wordpress-theme-twentytwentyfive php-getid3 libjs-cropper libjs-lodash libjs-underscore)
if ! ls "$APT/debs"/wordpress_*.deb >/dev/null 2>&1; then
	apt-get "${opts[@]}" update >/dev/null
	(cd "$APT/debs" && apt-get "${opts[@]}" download "${pkgs[@]}" >/dev/null)
fi

STAGE="$CACHE/wp-stage"
rm -rf "$STAGE" && mkdir -p "$STAGE"
for deb in "$APT/debs"/*.deb; do dpkg-deb -x "$deb" "$STAGE"; done
# Debian's /etc/wordpress/htaccess is a conffile link target; give it a harmless stand-in.
mkdir -p "$STAGE/etc/wordpress"
[ -e "$STAGE/etc/wordpress/htaccess" ] || : > "$STAGE/etc/wordpress/htaccess"

# Re-point absolute links into the staging root, then copy them as plain files.
find "$STAGE/usr/share/wordpress" -type l | while read -r link; do
	target="$(readlink "$link")"
	case "$target" in
	/etc/ssl/certs/ca-certificates.crt) ln -sfn /etc/ssl/certs/ca-certificates.crt "$link" ;;
	/*) ln -sfn "$STAGE$target" "$link" ;;
	esac
done

rm -rf "$CORE_DIR.tmp"
cp -rL "$STAGE/usr/share/wordpress" "$CORE_DIR.tmp"
# Debian's default theme lives outside the core tree.
if [ ! -d "$CORE_DIR.tmp/wp-content/themes/twentytwentyfive" ]; then
	mkdir -p "$CORE_DIR.tmp/wp-content/themes"
	cp -rL "$STAGE/usr/share/wordpress/wp-content/themes/twentytwentyfive" "$CORE_DIR.tmp/wp-content/themes/" 2>/dev/null ||
		cp -rL "$(find "$STAGE" -type d -name twentytwentyfive | head -n1)" "$CORE_DIR.tmp/wp-content/themes/"
fi
rm -f "$CORE_DIR.tmp/wp-config.php"
rm -rf "$CORE_DIR"
mv "$CORE_DIR.tmp" "$CORE_DIR"
rm -rf "$STAGE"
check_core || die "the WordPress core in $CORE_DIR is incomplete"
touch "$CORE_DIR/.complete"
say "WordPress $(sed -n "s/^\$wp_version = '\(.*\)';/\1/p" "$CORE_DIR/wp-includes/version.php") ready in $CORE_DIR"
