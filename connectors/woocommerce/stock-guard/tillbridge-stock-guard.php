<?php
/**
 * Plugin Name:       Tillbridge Stock Guard
 * Description:       Atomic stock moves for Tillbridge and checkouts that cannot sell the same last units twice.
 * Version:           1.0.0
 * Requires at least: 6.4
 * Requires PHP:      8.2
 * Author:            Tillbridge
 * License:           GPL-2.0-or-later
 * Text Domain:       tillbridge-stock-guard
 * WC requires at least: 8.0
 * WC tested up to:   10.0
 *
 * @package Tillbridge_Stock_Guard
 */

defined( 'ABSPATH' ) || exit;

const TBSG_VERSION = '1.0.0';

require_once __DIR__ . '/includes/class-tbsg-stock-sql.php';
require_once __DIR__ . '/includes/class-tbsg-moves.php';
require_once __DIR__ . '/includes/class-tbsg-settings.php';
require_once __DIR__ . '/includes/class-tbsg-rest.php';
require_once __DIR__ . '/includes/class-tbsg-checkout-guard.php';

/** The plugin's shared objects (one per request). */
final class TBSG_Plugin {

	/** @var TBSG_Stock_Sql|null */
	private $sql;

	/** @var TBSG_Moves|null */
	private $moves;

	public function sql(): TBSG_Stock_Sql {
		global $wpdb;
		if ( ! $this->sql ) {
			$this->sql = new TBSG_Stock_Sql( $wpdb );
		}
		return $this->sql;
	}

	public function moves(): TBSG_Moves {
		if ( ! $this->moves ) {
			$this->moves = new TBSG_Moves( $this->sql() );
		}
		return $this->moves;
	}
}

/** The plugin instance. */
function tbsg(): TBSG_Plugin {
	static $plugin = null;
	if ( null === $plugin ) {
		$plugin = new TBSG_Plugin();
	}
	return $plugin;
}

// Declares HPOS compatibility: the plugin reads and writes product stock only, never orders.
add_action(
	'before_woocommerce_init',
	function () {
		if ( class_exists( '\Automattic\WooCommerce\Utilities\FeaturesUtil' ) ) {
			\Automattic\WooCommerce\Utilities\FeaturesUtil::declare_compatibility( 'custom_order_tables', __FILE__, true );
		}
	}
);

add_action(
	'plugins_loaded',
	function () {
		if ( ! class_exists( 'WooCommerce' ) ) {
			return;
		}
		TBSG_Settings::register();
		TBSG_Checkout_Guard::register();
		add_action( 'rest_api_init', array( 'TBSG_Rest', 'register' ) );
	}
);
