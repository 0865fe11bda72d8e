<?php
/**
 * One of the parallel processes of run.php, with its own database connection:
 *   php worker.php <scenario> <product id> <count> [<arg>]
 * Waits at a named-lock barrier the runner holds, so the processes start together, then runs
 * its scenario and prints a JSON summary.
 */

require __DIR__ . '/bootstrap.php';

[ , $scenario, $product_id, $count ] = $argv;
$arg        = (int) ( $argv[4] ?? 0 );
$product_id = (int) $product_id;
$count      = (int) $count;
global $wpdb;

// Barrier: the runner holds this lock until every worker is connected.
$wpdb->get_var( "SELECT GET_LOCK('" . DB_NAME . "_start', 60)" );
$wpdb->get_var( "SELECT RELEASE_LOCK('" . DB_NAME . "_start')" );

$ok     = 0;
$refused = 0;
$errors = array();
$woo_decrement = fn( int $qty ) => $wpdb->prepare( "UPDATE {$wpdb->postmeta} SET meta_value = meta_value %+f WHERE post_id = %d AND meta_key='_stock'", -$qty, $product_id );
for ( $i = 0; $i < $count; $i++ ) {
	switch ( $scenario ) {
		case 'moves': // $arg: the delta of each move, through the whole batch path
			$r = tbsg()->moves()->apply( array( array( 'id' => $product_id, 'delta' => $arg ) ) );
			$r[0]['ok'] ? $ok++ : $errors[] = $r[0]['error']['code'];
			break;
		case 'guarded-checkout': // WooCommerce's decrement statement through the plugin's filter
			try {
				$sql = TBSG_Checkout_Guard::conditional_decrement( $woo_decrement( 1 ), $product_id, null, 'decrease' );
				$wpdb->query( $sql );
				$ok++;
			} catch ( Exception $e ) {
				$refused++;
			}
			break;
		case 'locked-checkout': // the lock layer alone: WooCommerce's check, then its unconditional statement, under the product's lock
			TBSG_Checkout_Guard::lock_products( array( $product_id ) );
			$stock = (float) $wpdb->get_var( "SELECT meta_value FROM wp_postmeta WHERE post_id = {$product_id} AND meta_key = '_stock'" );
			if ( $stock >= 1 ) {
				$wpdb->query( $woo_decrement( 1 ) );
				$ok++;
			} else {
				$refused++;
			}
			TBSG_Checkout_Guard::release_all();
			break;
		case 'woo-checkout': // negative control: WooCommerce's statement as it runs without the plugin
			$wpdb->query( $woo_decrement( 1 ) );
			$ok++;
			break;
		default:
			fwrite( STDERR, "unknown scenario {$scenario}\n" );
			exit( 2 );
	}
	$stock = tbsg_min_seen( $wpdb, $product_id );
}
echo json_encode( array( 'ok' => $ok, 'refused' => $refused, 'errors' => $errors, 'min_seen' => $GLOBALS['tbsg_min'] ?? null ) ), "\n";

function tbsg_min_seen( wpdb $db, int $id ) {
	$v = $db->get_var( "SELECT meta_value FROM wp_postmeta WHERE post_id = {$id} AND meta_key = '_stock'" );
	$GLOBALS['tbsg_min'] = min( $GLOBALS['tbsg_min'] ?? PHP_INT_MAX, (float) $v );
	return $v;
}
