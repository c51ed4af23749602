/**
 * Input for `php bin/make-pot.php --self-test`: a test file, which the extractor must skip.
 */
import { __ } from '@wordpress/i18n';

export const excluded = __( 'From a test file: must not be extracted', 'auth-sentinel' );
