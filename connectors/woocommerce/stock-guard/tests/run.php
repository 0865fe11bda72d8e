<?php
/**
 * The plugin's tests against a real MariaDB: `php run.php` (connection from TBSG_TEST_DB_*; it
 * creates and drops its own tb_test_* database). Prints one line per test, "ok - name" or
 * "not ok - name: why", and exits 1 when any failed. test/connectors/woocommerce/stock-guard/
 * runs it from vitest.
 */

$database = 'tb_test_sgphp_' . getmypid() . '_' . bin2hex( random_bytes( 3 ) );
putenv( 'TBSG_TEST_DB_NAME=' . $database );
$admin = mysqli_init();
if ( ! @$admin->real_connect( getenv( 'TBSG_TEST_DB_HOST' ) ?: '127.0.0.1', getenv( 'TBSG_TEST_DB_USER' ) ?: 'tillbridge_test', getenv( 'TBSG_TEST_DB_PASSWORD' ) ?: 'tillbridge-test', '', (int) ( getenv( 'TBSG_TEST_DB_PORT' ) ?: 3306 ) ) ) {
	fwrite( STDERR, 'cannot connect to MariaDB: ' . mysqli_connect_error() . "\n" );
	exit( 2 );
}
$admin->query( "CREATE DATABASE `{$database}` CHARACTER SET utf8mb4" );
register_shutdown_function( fn() => $admin->query( "DROP DATABASE IF EXISTS `{$database}`" ) );

require __DIR__ . '/bootstrap.php';
global $wpdb;
tbsg_test_schema( $wpdb );

$failed = 0;
$passed = 0;
function check( bool $cond, string $what ): void {
	if ( ! $cond ) {
		throw new RuntimeException( $what );
	}
}
function test( string $name, callable $body ): void {
	global $failed, $passed;
	$GLOBALS['tbsg_options'] = array();
	$GLOBALS['tbsg_fired']   = array();
	$GLOBALS['tbsg_can_edit'] = true;
	try {
		$body();
		$passed++;
		echo "ok - {$name}\n";
	} catch ( Throwable $e ) {
		$failed++;
		echo "not ok - {$name}: " . str_replace( "\n", ' ', $e->getMessage() ) . "\n";
	}
}

/** Runs workers in parallel (started together at a barrier); returns their JSON summaries. */
function parallel( array $commands ): array {
	global $wpdb;
	$barrier = DB_NAME . '_start';
	$wpdb->get_var( "SELECT GET_LOCK('{$barrier}', 10)" );
	$procs = array();
	foreach ( $commands as $args ) {
		$cmd     = array_merge( array( PHP_BINARY, __DIR__ . '/worker.php' ), array_map( 'strval', $args ) );
		$p       = proc_open( $cmd, array( 1 => array( 'pipe', 'w' ), 2 => array( 'pipe', 'w' ) ), $pipes );
		$procs[] = array( $p, $pipes );
	}
	// Every worker connects and then waits for the barrier; give them a moment to queue, then go.
	usleep( 300000 );
	$wpdb->get_var( "SELECT RELEASE_LOCK('{$barrier}')" );
	$out = array();
	foreach ( $procs as [ $p, $pipes ] ) {
		$stdout = stream_get_contents( $pipes[1] );
		$stderr = stream_get_contents( $pipes[2] );
		$code   = proc_close( $p );
		check( 0 === $code, "worker exited {$code}: {$stderr}" );
		$out[] = json_decode( trim( $stdout ), true );
	}
	return $out;
}

test(
	'a delta move is applied in SQL and answers the stock it left; lookup, caches and the stock action follow',
	function () use ( $wpdb ) {
		$id = tbsg_test_product( $wpdb, 'SG-D1', 10 );
		$r  = tbsg()->moves()->apply( array( array( 'id' => $id, 'delta' => -4 ), array( 'sku' => 'SG-D1', 'delta' => 7 ) ) );
		check( true === $r[0]['ok'] && 6 === $r[0]['stock_quantity'], 'first move: ' . json_encode( $r[0] ) );
		check( true === $r[1]['ok'] && 13 === $r[1]['stock_quantity'], 'second move by SKU: ' . json_encode( $r[1] ) );
		check( '13' === tbsg_test_stock( $wpdb, $id ), 'stored ' . tbsg_test_stock( $wpdb, $id ) );
		check( 13.0 === (float) tbsg_test_lookup( $wpdb, $id )['stock_quantity'], 'lookup table' );
		check( 'SG-D1' === $r[1]['product']['sku'] && true === $r[1]['product']['manage_stock'], 'product fields' );
		$hooks = array_column( $GLOBALS['tbsg_fired'], 0 );
		check( in_array( 'woocommerce_product_set_stock', $hooks, true ), 'stock action fired' );
		check( in_array( 'wp_cache_delete', $hooks, true ) && in_array( 'wc_delete_product_transients', $hooks, true ), 'caches cleared' );
	}
);

test(
	'a move to zero sets the stock status out of stock (lookup too), and back in stock on a move up',
	function () use ( $wpdb ) {
		$id = tbsg_test_product( $wpdb, 'SG-S1', 2 );
		tbsg()->moves()->apply( array( array( 'id' => $id, 'delta' => -2 ) ) );
		check( 'outofstock' === tbsg_test_lookup( $wpdb, $id )['stock_status'], 'lookup status after 0' );
		check( in_array( array( 'wc_update_product_stock_status', array( $id, 'outofstock' ) ), $GLOBALS['tbsg_fired'], true ), 'status saved' );
		tbsg()->moves()->apply( array( array( 'id' => $id, 'delta' => 5 ) ) );
		check( 'instock' === tbsg_test_lookup( $wpdb, $id )['stock_status'], 'lookup status after 5' );
	}
);

test(
	'set with if_current changes the stock only while it still is the value given',
	function () use ( $wpdb ) {
		$id = tbsg_test_product( $wpdb, 'SG-C1', 15 );
		$r  = tbsg()->moves()->apply( array( array( 'id' => $id, 'set' => 20, 'if_current' => 15 ), array( 'id' => $id, 'set' => 7, 'if_current' => 15 ) ) );
		check( true === $r[0]['ok'] && 20 === $r[0]['stock_quantity'], 'first: ' . json_encode( $r[0] ) );
		check( false === $r[1]['ok'] && 'tbsg_stock_changed' === $r[1]['error']['code'] && 20 === $r[1]['stock_quantity'], 'second: ' . json_encode( $r[1] ) );
		check( '20' === tbsg_test_stock( $wpdb, $id ), 'stored' );
	}
);

test(
	'per-item errors: unknown product, stock not managed, malformed moves; the other items still apply',
	function () use ( $wpdb ) {
		$id        = tbsg_test_product( $wpdb, 'SG-E1', 3 );
		$unmanaged = tbsg_test_product( $wpdb, 'SG-E2', null, 'no', 'no' );
		$r         = tbsg()->moves()->apply( array( array( 'sku' => 'NOPE', 'delta' => 1 ), array( 'id' => $unmanaged, 'delta' => 1 ), array( 'id' => $id, 'delta' => 1.5 ), array( 'id' => $id, 'delta' => 1, 'set' => 3 ), 'x', array( 'id' => $id, 'delta' => 2 ) ) );
		$codes     = array_map( fn( $x ) => $x['ok'] ? 'ok' : $x['error']['code'], $r );
		check( array( 'tbsg_not_found', 'tbsg_stock_not_managed', 'tbsg_invalid_move', 'tbsg_invalid_move', 'tbsg_invalid_move', 'ok' ) === $codes, json_encode( $codes ) );
		check( '5' === tbsg_test_stock( $wpdb, $id ), 'stored ' . tbsg_test_stock( $wpdb, $id ) );
		check( null === tbsg_test_stock( $wpdb, $unmanaged ), 'unmanaged untouched' );
	}
);

test(
	'concurrent moves never lose units: two processes, 300 moves each on the same product',
	function () use ( $wpdb ) {
		$id  = tbsg_test_product( $wpdb, 'SG-P1', 1000 );
		$out = parallel( array( array( 'moves', $id, 300, 3 ), array( 'moves', $id, 300, -2 ) ) );
		check( 300 === $out[0]['ok'] && 300 === $out[1]['ok'], json_encode( $out ) );
		check( '1300' === tbsg_test_stock( $wpdb, $id ), 'expected 1000 + 900 - 600 = 1300, stored ' . tbsg_test_stock( $wpdb, $id ) );
		check( 1300.0 === (float) tbsg_test_lookup( $wpdb, $id )['stock_quantity'], 'lookup table ' . json_encode( tbsg_test_lookup( $wpdb, $id ) ) );
	}
);

test(
	'the guarded checkout decrement never goes below 0 under two parallel processes',
	function () use ( $wpdb ) {
		$id  = tbsg_test_product( $wpdb, 'SG-K1', 50 );
		$out = parallel( array( array( 'guarded-checkout', $id, 40 ), array( 'guarded-checkout', $id, 40 ) ) );
		$ok  = $out[0]['ok'] + $out[1]['ok'];
		check( 50 === $ok && 30 === $out[0]['refused'] + $out[1]['refused'], 'sold ' . $ok . ': ' . json_encode( $out ) );
		check( '0' === tbsg_test_stock( $wpdb, $id ), 'stored ' . tbsg_test_stock( $wpdb, $id ) );
		check( $out[0]['min_seen'] >= 0 && $out[1]['min_seen'] >= 0, 'seen below 0: ' . json_encode( $out ) );
	}
);

test(
	'the checkout lock alone serialises check and decrement: two parallel processes never take more than the stock',
	function () use ( $wpdb ) {
		$id  = tbsg_test_product( $wpdb, 'SG-K5', 50 );
		$out = parallel( array( array( 'locked-checkout', $id, 40 ), array( 'locked-checkout', $id, 40 ) ) );
		check( 50 === $out[0]['ok'] + $out[1]['ok'] && 30 === $out[0]['refused'] + $out[1]['refused'], json_encode( $out ) );
		check( '0' === tbsg_test_stock( $wpdb, $id ), 'stored ' . tbsg_test_stock( $wpdb, $id ) );
	}
);

test(
	'negative control: WooCommerce\'s unconditional decrement under the same load goes below 0',
	function () use ( $wpdb ) {
		$id  = tbsg_test_product( $wpdb, 'SG-K2', 50 );
		$out = parallel( array( array( 'woo-checkout', $id, 40 ), array( 'woo-checkout', $id, 40 ) ) );
		check( '-30' === tbsg_test_stock( $wpdb, $id ), 'stored ' . tbsg_test_stock( $wpdb, $id ) );
	}
);

test(
	'the checkout filter leaves alone: increases, sets, backorder products, statements it does not recognise, and everything while off',
	function () use ( $wpdb ) {
		$id   = tbsg_test_product( $wpdb, 'SG-K3', 1 );
		$back = tbsg_test_product( $wpdb, 'SG-K4', 1, 'notify' );
		$dec  = fn( $pid, $q ) => $wpdb->prepare( "UPDATE {$wpdb->postmeta} SET meta_value = meta_value %+f WHERE post_id = %d AND meta_key='_stock'", -$q, $pid );
		check( 3 === TBSG_Checkout_Guard::decrement_of( $dec( $id, 3 ), $id ), 'parses WooCommerce\'s statement' );
		check( null === TBSG_Checkout_Guard::decrement_of( $dec( $id, 1.5 ), $id ), 'fractions left alone' );
		check( null === TBSG_Checkout_Guard::decrement_of( $dec( $id, 1 ), $id + 1 ), 'other product' );
		check( 'X' === TBSG_Checkout_Guard::conditional_decrement( 'X', $id, 0, 'increase' ), 'increase' );
		check( $dec( $back, 5 ) === TBSG_Checkout_Guard::conditional_decrement( $dec( $back, 5 ), $back, -4, 'decrease' ), 'backorders' );
		$GLOBALS['tbsg_options']['tillbridge_stock_guard_enabled'] = 'no';
		check( $dec( $id, 5 ) === TBSG_Checkout_Guard::conditional_decrement( $dec( $id, 5 ), $id, -4, 'decrease' ), 'switched off' );
		$GLOBALS['tbsg_options'] = array();
		$threw = false;
		try {
			TBSG_Checkout_Guard::conditional_decrement( $dec( $id, 2 ), $id, -1, 'decrease' );
		} catch ( Exception $e ) {
			$threw = str_contains( $e->getMessage(), 'do not have enough' );
		}
		check( $threw && '1' === tbsg_test_stock( $wpdb, $id ), 'too few units: WooCommerce\'s out-of-stock message, stock kept' );
	}
);

test(
	'checkout locks: a product locked by one connection is not free for another until released',
	function () use ( $wpdb ) {
		$other = new wpdb( DB_NAME );
		check( array( 7, 9 ) === TBSG_Checkout_Guard::lock_products( array( 9, 7, 9 ) ), 'locked both, in id order' );
		$free = fn() => $other->get_var( "SELECT GET_LOCK('" . substr( 'tbsg_' . md5( DB_NAME . '|wp_' ) . '_7', 0, 64 ) . "', 0)" );
		check( '0' === (string) $free(), 'another connection cannot take it' );
		TBSG_Checkout_Guard::release_all();
		check( '1' === (string) $free(), 'free after release' );
	}
);

test(
	'checkout locks are taken for the cart\'s stock-managed products on a Store API checkout or a classic checkout, never on cart reads, and not while off',
	function () use ( $wpdb ) {
		$other   = new wpdb( DB_NAME );
		$managed = tbsg_test_product( $wpdb, 'SG-L1', 5 );
		$free    = tbsg_test_product( $wpdb, 'SG-L2', null, 'no', 'no' );
		WC()->cart->items = array( array( 'data' => wc_get_product( $managed ) ), array( 'data' => wc_get_product( $free ) ) );
		$name     = fn( $id ) => substr( 'tbsg_' . md5( DB_NAME . '|wp_' ) . '_' . $id, 0, 64 );
		$held     = fn( $id ) => null !== $other->get_var( "SELECT IS_USED_LOCK('" . $name( $id ) . "')" );
		// A cart read validates items too: no lock.
		TBSG_Checkout_Guard::notice_store_checkout( null, null, new Test_Rest_Request( 'GET', '/wc/store/v1/cart' ) );
		TBSG_Checkout_Guard::lock_cart_for_store_checkout();
		check( ! $held( $managed ), 'cart read' );
		// The Store API checkout: locked at its cart validation, released at the end of the request.
		TBSG_Checkout_Guard::notice_store_checkout( null, null, new Test_Rest_Request( 'POST', '/wc/store/v1/checkout' ) );
		TBSG_Checkout_Guard::lock_cart_for_store_checkout();
		check( $held( $managed ) && ! $held( $free ), 'store checkout locks only the stock-managed product' );
		TBSG_Checkout_Guard::release_all();
		check( ! $held( $managed ), 'released' );
		// The classic checkout.
		TBSG_Checkout_Guard::lock_cart();
		check( $held( $managed ), 'classic checkout' );
		TBSG_Checkout_Guard::release_all();
		// Switched off: nothing is locked.
		$GLOBALS['tbsg_options']['tillbridge_stock_guard_enabled'] = 'no';
		TBSG_Checkout_Guard::lock_cart();
		check( ! $held( $managed ), 'off' );
		WC()->cart->items = array();
	}
);

test(
	'permissions: the routes need the product edit right; moves refuse while switched off; status tells version and switch',
	function () use ( $wpdb ) {
		TBSG_Rest::register();
		$route = $GLOBALS['tbsg_routes']['wc-tillbridge-stock-guard/v1/moves'];
		check( array( 'TBSG_Rest', 'can_edit_products' ) === $route['permission_callback'], 'moves guarded' );
		check( array( 'TBSG_Rest', 'can_edit_products' ) === $GLOBALS['tbsg_routes']['wc-tillbridge-stock-guard/v1/status']['permission_callback'], 'status guarded' );
		$GLOBALS['tbsg_can_edit'] = false;
		$refusal                  = TBSG_Rest::can_edit_products();
		check( $refusal instanceof WP_Error && 'woocommerce_rest_cannot_edit' === $refusal->get_error_code() && 401 === $refusal->get_error_data()['status'], 'refused' );
		$GLOBALS['tbsg_can_edit'] = true;
		check( true === TBSG_Rest::can_edit_products(), 'allowed' );
		check( array( 'product', 'batch', 0 ) === $GLOBALS['tbsg_permission_asked'], 'WooCommerce\'s products batch permission: ' . json_encode( $GLOBALS['tbsg_permission_asked'] ) );
		check( array( 'plugin' => 'tillbridge-stock-guard', 'version' => TBSG_VERSION, 'enabled' => true ) === array_intersect_key( TBSG_Rest::status_body(), array_flip( array( 'plugin', 'version', 'enabled' ) ) ), 'status' );
		$id = tbsg_test_product( $wpdb, 'SG-R1', 4 );
		$GLOBALS['tbsg_options']['tillbridge_stock_guard_enabled'] = 'no';
		check( false === TBSG_Rest::status_body()['enabled'], 'status off' );
		$off = TBSG_Rest::moves( new Test_Request( array( 'moves' => array( array( 'id' => $id, 'delta' => 1 ) ) ) ) );
		check( $off instanceof WP_Error && 'tbsg_disabled' === $off->get_error_code() && '4' === tbsg_test_stock( $wpdb, $id ), 'off' );
		$GLOBALS['tbsg_options'] = array();
		$on = TBSG_Rest::moves( new Test_Request( array( 'moves' => array( array( 'id' => $id, 'delta' => 1 ) ) ) ) );
		check( 5 === $on['results'][0]['stock_quantity'], 'on: ' . json_encode( $on ) );
		$bad = TBSG_Rest::moves( new Test_Request( array( 'moves' => array( 'a' => 1 ) ) ) );
		check( $bad instanceof WP_Error && 'rest_invalid_param' === $bad->get_error_code(), 'not a list' );
	}
);

echo "# {$passed} passed, {$failed} failed\n";
exit( $failed > 0 ? 1 : 0 );
