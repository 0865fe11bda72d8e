<?php
/**
 * The off switch: one option, `tillbridge_stock_guard_enabled` ('yes' by default), shown as a
 * section of WooCommerce → Settings → Products. Off: the moves route refuses (Tillbridge then
 * falls back to WooCommerce's own stock writes) and checkouts run exactly as without the plugin.
 *
 * @package Tillbridge_Stock_Guard
 */

defined( 'ABSPATH' ) || exit;

/** The plugin's setting and its place in WooCommerce's settings. */
class TBSG_Settings {

	const OPTION  = 'tillbridge_stock_guard_enabled';
	const SECTION = 'tillbridge_stock_guard';

	public static function enabled(): bool {
		return 'no' !== get_option( self::OPTION, 'yes' );
	}

	public static function register(): void {
		add_filter( 'woocommerce_get_sections_products', array( __CLASS__, 'section' ) );
		add_filter( 'woocommerce_get_settings_products', array( __CLASS__, 'fields' ), 10, 2 );
	}

	public static function section( $sections ) {
		$sections[ self::SECTION ] = __( 'Tillbridge Stock Guard', 'tillbridge-stock-guard' );
		return $sections;
	}

	public static function fields( $settings, $current_section ) {
		if ( self::SECTION !== $current_section ) {
			return $settings;
		}
		return array(
			array(
				'title' => __( 'Tillbridge Stock Guard', 'tillbridge-stock-guard' ),
				'type'  => 'title',
				'desc'  => __( 'Atomic stock moves for Tillbridge and checkouts that cannot sell the same last units twice. Switched off, the store behaves exactly as without this plugin.', 'tillbridge-stock-guard' ),
				'id'    => self::SECTION,
			),
			array(
				'title'   => __( 'Enable', 'tillbridge-stock-guard' ),
				'desc'    => __( 'Guard stock moves and checkouts', 'tillbridge-stock-guard' ),
				'id'      => self::OPTION,
				'type'    => 'checkbox',
				'default' => 'yes',
			),
			array(
				'type' => 'sectionend',
				'id'   => self::SECTION,
			),
		);
	}
}
