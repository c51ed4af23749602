<?php
/**
 * Constants PHPStan needs to know about; WordPress defines them at run time.
 *
 * @package AuthSentinel
 */

define( 'ABSPATH', '/tmp/wordpress/' );
define( 'AUTH_SENTINEL_VERSION', '0.0.0' );
define( 'AUTH_SENTINEL_FILE', __DIR__ . '/../plugin.php' );
define( 'AUTH_SENTINEL_DIR', dirname( __DIR__ ) );
define( 'WP_DEBUG', false );
define( 'MINUTE_IN_SECONDS', 60 );
define( 'HOUR_IN_SECONDS', 3600 );
define( 'WEEK_IN_SECONDS', 604800 );
define( 'ARRAY_A', 'ARRAY_A' );
define( 'DAY_IN_SECONDS', 86400 );
define( 'AUTH_COOKIE', 'wordpress_x' );
define( 'SECURE_AUTH_COOKIE', 'wordpress_sec_x' );
define( 'LOGGED_IN_COOKIE', 'wordpress_logged_in_x' );
