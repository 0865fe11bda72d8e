<?php
/**
 * The plugin's REST routes, in a `wc-` namespace so WooCommerce's API keys authenticate them
 * (WooCommerce's REST authentication serves `wc/` and, for third parties, `wc-` namespaces only):
 *
 * - GET  /wp-json/wc-tillbridge-stock-guard/v1/status  version and whether the guard is enabled;
 * - POST /wp-json/wc-tillbridge-stock-guard/v1/moves   {"moves": [...]} (see TBSG_Moves).
 *
 * Both need the right to edit products, the same check as WooCommerce's products batch. While
 * the guard is switched off, moves answer 409 `tbsg_disabled` and nothing is changed.
 *
 * @package Tillbridge_Stock_Guard
 */

defined( 'ABSPATH' ) || exit;

/** Registers and answers the routes. */
class TBSG_Rest {

	const REST_NAMESPACE = 'wc-tillbridge-stock-guard/v1';

	public static function register(): void {
		register_rest_route(
			self::REST_NAMESPACE,
			'/status',
			array(
				'methods'             => 'GET',
				'callback'            => array( __CLASS__, 'status' ),
				'permission_callback' => array( __CLASS__, 'can_edit_products' ),
			)
		);
		register_rest_route(
			self::REST_NAMESPACE,
			'/moves',
			array(
				'methods'             => 'POST',
				'callback'            => array( __CLASS__, 'moves' ),
				'permission_callback' => array( __CLASS__, 'can_edit_products' ),
			)
		);
	}

	/**
	 * WooCommerce's own check for writes to many products (its products batch route's: the
	 * `batch` context, edit_others_products); its refusal when not allowed. The `edit` context
	 * cannot be used without one product id: WordPress maps it to "do not allow".
	 */
	public static function can_edit_products() {
		if ( wc_rest_check_post_permissions( 'product', 'batch' ) ) {
			return true;
		}
		return new WP_Error( 'woocommerce_rest_cannot_edit', __( 'Sorry, you are not allowed to edit this resource.', 'tillbridge-stock-guard' ), array( 'status' => rest_authorization_required_code() ) );
	}

	public static function status( $request ) {
		return rest_ensure_response( self::status_body() );
	}

	/** What GET /status answers. */
	public static function status_body(): array {
		return array(
			'plugin'         => 'tillbridge-stock-guard',
			'version'        => TBSG_VERSION,
			'enabled'        => TBSG_Settings::enabled(),
			'atomic_moves'   => true,
			'checkout_guard' => TBSG_Settings::enabled(),
			'max_moves'      => TBSG_Moves::MAX_ITEMS,
		);
	}

	public static function moves( $request ) {
		if ( ! TBSG_Settings::enabled() ) {
			return new WP_Error( 'tbsg_disabled', 'Tillbridge Stock Guard is switched off in WooCommerce → Settings → Products → Tillbridge Stock Guard.', array( 'status' => 409 ) );
		}
		$moves = $request->get_param( 'moves' );
		if ( ! is_array( $moves ) || array_values( $moves ) !== $moves ) {
			return new WP_Error( 'rest_invalid_param', 'moves must be a list of moves.', array( 'status' => 400 ) );
		}
		if ( count( $moves ) > TBSG_Moves::MAX_ITEMS ) {
			return new WP_Error( 'rest_invalid_param', sprintf( 'At most %d moves a request.', TBSG_Moves::MAX_ITEMS ), array( 'status' => 413 ) );
		}
		return rest_ensure_response( array( 'results' => tbsg()->moves()->apply( $moves ) ) );
	}
}
