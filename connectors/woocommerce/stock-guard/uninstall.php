<?php
/**
 * Removing the plugin removes its one option. Stock, products and orders are never touched.
 *
 * @package Tillbridge_Stock_Guard
 */

if ( ! defined( 'WP_UNINSTALL_PLUGIN' ) ) {
	exit;
}

delete_option( 'tillbridge_stock_guard_enabled' );
