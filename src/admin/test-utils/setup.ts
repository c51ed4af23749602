/**
 * What WordPress prints into every page of the plugin before its script,
 * set up for each Jest spec: the vocabularies of the page configuration
 * (written by tests/php/VocabularyTest.php from the PHP classes).
 */
import fixture from './vocabularies.json';

window.authSentinel = { vocabularies: fixture.vocabularies };
