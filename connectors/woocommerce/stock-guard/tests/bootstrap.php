<?php
/**
 * Just enough WordPress and WooCommerce for the plugin's classes to run against a real MariaDB:
 * a small `wpdb` over mysqli (prepare, query, get_var, the table names), options, hooks that
 * record what fired, a product object read from the real postmeta rows, and the REST helpers the
 * routes call. Everything the plugin does in SQL runs for real; only WordPress around it is stubbed.
 *
 * Connection: TBSG_TEST_DB_HOST / _PORT / _USER / _PASSWORD / _NAME.
 */

define( 'ABSPATH', __DIR__ . '/' );
define( 'DB_NAME', getenv( 'TBSG_TEST_DB_NAME' ) ?: 'tbsg_test' );

mysqli_report( MYSQLI_REPORT_OFF );

/** The part of WordPress's wpdb the plugin uses. */
class wpdb {
	public $prefix = 'wp_';
	public $posts = 'wp_posts';
	public $postmeta = 'wp_postmeta';
	public $last_error = '';
	public $rows_affected = 0;
	/** @var mysqli */
	public $dbh;

	public function __construct( ?string $database ) {
		$this->dbh = mysqli_init();
		$ok        = $this->dbh->real_connect(
			getenv( 'TBSG_TEST_DB_HOST' ) ?: '127.0.0.1',
			getenv( 'TBSG_TEST_DB_USER' ) ?: 'tillbridge_test',
			getenv( 'TBSG_TEST_DB_PASSWORD' ) ?: 'tillbridge-test',
			$database ?? '',
			(int) ( getenv( 'TBSG_TEST_DB_PORT' ) ?: 3306 )
		);
		if ( ! $ok ) {
			fwrite( STDERR, 'cannot connect to MariaDB: ' . mysqli_connect_error() . "\n" );
			exit( 2 );
		}
		$this->dbh->set_charset( 'utf8mb4' );
	}

	/** WordPress's placeholders %d, %f, %+f, %s (quoted), %%. */
	public function prepare( string $query, ...$args ): string {
		$i = 0;
		return preg_replace_callback(
			'/%%|%\+?[dfs]/',
			function ( $m ) use ( &$i, $args ) {
				if ( '%%' === $m[0] ) {
					return '%';
				}
				$v = $args[ $i++ ];
				switch ( $m[0] ) {
					case '%d':
						return (string) (int) $v;
					case '%f':
						return sprintf( '%F', (float) $v );
					case '%+f':
						return sprintf( '%+F', (float) $v );
					default:
						return "'" . $this->dbh->real_escape_string( (string) $v ) . "'";
				}
			},
			$query
		);
	}

	/** Rows affected (or selected), false on error. */
	public function query( string $sql ) {
		$this->last_error = '';
		$result           = $this->dbh->query( $sql );
		if ( false === $result ) {
			$this->last_error = $this->dbh->error;
			return false;
		}
		if ( $result instanceof mysqli_result ) {
			$n = $result->num_rows;
			$result->free();
			return $n;
		}
		$this->rows_affected = $this->dbh->affected_rows;
		return $this->rows_affected;
	}

	public function get_var( string $sql ) {
		$this->last_error = '';
		$result           = $this->dbh->query( $sql );
		if ( false === $result ) {
			$this->last_error = $this->dbh->error;
			return null;
		}
		$row = $result->fetch_row();
		$result->free();
		return null === $row ? null : $row[0];
	}
}

$GLOBALS['wpdb']          = new wpdb( DB_NAME );
$GLOBALS['tbsg_options']  = array();
$GLOBALS['tbsg_fired']    = array();
$GLOBALS['tbsg_can_edit'] = true;

function add_action( ...$args ) {}
function add_filter( ...$args ) {}
function do_action( string $hook, ...$args ) {
	$GLOBALS['tbsg_fired'][] = array( $hook, $args );
}
function __( $text, $domain = 'default' ) {
	return $text;
}
function get_option( $name, $default = false ) {
	return $GLOBALS['tbsg_options'][ $name ] ?? $default;
}
function wp_cache_delete( $key, $group = '' ) {
	$GLOBALS['tbsg_fired'][] = array( 'wp_cache_delete', array( $key, $group ) );
	return true;
}
function wc_delete_product_transients( $id ) {
	$GLOBALS['tbsg_fired'][] = array( 'wc_delete_product_transients', array( $id ) );
}
function wc_clean( $v ) {
	return trim( (string) $v );
}
function wc_rest_prepare_date_response( $date, $utc = true ) {
	return null;
}
function wc_rest_check_post_permissions( $post_type, $context = 'read', $object_id = 0 ) {
	$GLOBALS['tbsg_permission_asked'] = array( $post_type, $context, $object_id );
	return (bool) $GLOBALS['tbsg_can_edit'];
}
function rest_authorization_required_code() {
	return 401;
}
function rest_ensure_response( $data ) {
	return $data;
}
function register_rest_route( $namespace, $route, $args ) {
	$GLOBALS['tbsg_routes'][ $namespace . $route ] = $args;
}

class WP_Error {
	public $code;
	public $message;
	public $data;
	public function __construct( $code = '', $message = '', $data = '' ) {
		$this->code    = $code;
		$this->message = $message;
		$this->data    = $data;
	}
	public function get_error_code() {
		return $this->code;
	}
	public function get_error_data() {
		return $this->data;
	}
}

/** A REST request carrying parameters. */
class Test_Request {
	private $params;
	public function __construct( array $params ) {
		$this->params = $params;
	}
	public function get_param( $key ) {
		return $this->params[ $key ] ?? null;
	}
}

/** A REST request as the checkout hooks see it (method and route). */
class Test_Rest_Request {
	private $method;
	private $route;
	public function __construct( string $method, string $route ) {
		$this->method = $method;
		$this->route  = $route;
	}
	public function get_method() {
		return $this->method;
	}
	public function get_route() {
		return $this->route;
	}
}

/** WC()->cart with the products the test puts in it. */
class Test_Cart {
	public $items = array();
	public function get_cart() {
		return $this->items;
	}
}

function WC() {
	static $wc = null;
	if ( null === $wc ) {
		$wc       = new stdClass();
		$wc->cart = new Test_Cart();
	}
	return $wc;
}

/** A product as WooCommerce would load it, from the real rows. */
class Test_Product {
	public $id;
	private $meta;
	private $post;
	public function __construct( int $id, array $post, array $meta ) {
		$this->id   = $id;
		$this->post = $post;
		$this->meta = $meta;
	}
	public function get_id() {
		return $this->id;
	}
	public function get_parent_id() {
		return (int) $this->post['post_parent'];
	}
	public function get_type() {
		return 'product_variation' === $this->post['post_type'] ? 'variation' : 'simple';
	}
	public function is_type( $type ) {
		return $this->get_type() === $type;
	}
	public function get_stock_managed_by_id() {
		return $this->id;
	}
	public function get_manage_stock() {
		return $this->managing_stock();
	}
	public function managing_stock() {
		return 'yes' === ( $this->meta['_manage_stock'] ?? 'no' );
	}
	public function backorders_allowed() {
		return 'no' !== ( $this->meta['_backorders'] ?? 'no' );
	}
	public function get_stock_status() {
		return $this->meta['_stock_status'] ?? 'instock';
	}
	public function get_stock_quantity( $context = 'view' ) {
		return isset( $this->meta['_stock'] ) ? (int) $this->meta['_stock'] : null;
	}
	public function get_sku( $context = 'view' ) {
		return $this->meta['_sku'] ?? '';
	}
	public function get_status( $context = 'view' ) {
		return $this->post['post_status'];
	}
	public function get_name() {
		return $this->post['post_title'];
	}
	public function get_regular_price( $context = 'view' ) {
		return $this->meta['_regular_price'] ?? '';
	}
	public function get_sale_price( $context = 'view' ) {
		return $this->meta['_sale_price'] ?? '';
	}
	public function get_date_on_sale_from( $context = 'view' ) {
		return null;
	}
	public function get_date_on_sale_to( $context = 'view' ) {
		return null;
	}
}

function wc_get_product( $id ) {
	global $wpdb;
	$id     = (int) $id;
	$result = $wpdb->dbh->query( "SELECT post_type, post_parent, post_status, post_title FROM wp_posts WHERE ID = {$id}" );
	$post   = $result ? $result->fetch_assoc() : null;
	if ( ! $post ) {
		return false;
	}
	$meta   = array();
	$result = $wpdb->dbh->query( "SELECT meta_key, meta_value FROM wp_postmeta WHERE post_id = {$id}" );
	while ( $row = $result->fetch_assoc() ) {
		$meta[ $row['meta_key'] ] = $row['meta_value'];
	}
	return new Test_Product( $id, $post, $meta );
}

function wc_get_product_id_by_sku( $sku ) {
	global $wpdb;
	return (int) $wpdb->get_var( $wpdb->prepare( "SELECT post_id FROM wp_postmeta WHERE meta_key = '_sku' AND meta_value = %s LIMIT 1", $sku ) );
}

function wc_update_product_stock_status( $id, $status ) {
	global $wpdb;
	$wpdb->query( $wpdb->prepare( "UPDATE wp_postmeta SET meta_value = %s WHERE post_id = %d AND meta_key = '_stock_status'", $status, $id ) );
	$GLOBALS['tbsg_fired'][] = array( 'wc_update_product_stock_status', array( $id, $status ) );
}

require_once __DIR__ . '/schema.php';
require_once dirname( __DIR__ ) . '/tillbridge-stock-guard.php';
