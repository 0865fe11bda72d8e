<?php
/**
 * The WordPress/WooCommerce tables the plugin touches, as WordPress and WooCommerce create them
 * (the columns the plugin and the stubs use, same types and keys, InnoDB), and product fixtures.
 */

function tbsg_test_schema( wpdb $db ): void {
	$db->query( 'CREATE TABLE wp_posts (ID bigint(20) unsigned NOT NULL AUTO_INCREMENT, post_title text NOT NULL, post_status varchar(20) NOT NULL DEFAULT \'publish\', post_parent bigint(20) unsigned NOT NULL DEFAULT 0, post_type varchar(20) NOT NULL DEFAULT \'post\', PRIMARY KEY (ID), KEY post_parent (post_parent)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4' );
	$db->query( 'CREATE TABLE wp_postmeta (meta_id bigint(20) unsigned NOT NULL AUTO_INCREMENT, post_id bigint(20) unsigned NOT NULL DEFAULT 0, meta_key varchar(255) DEFAULT NULL, meta_value longtext, PRIMARY KEY (meta_id), KEY post_id (post_id), KEY meta_key (meta_key(191))) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4' );
	$db->query( 'CREATE TABLE wp_wc_product_meta_lookup (product_id bigint(20) NOT NULL, sku varchar(100) NULL DEFAULT \'\', virtual tinyint(1) NULL DEFAULT 0, downloadable tinyint(1) NULL DEFAULT 0, min_price decimal(19,4) NULL DEFAULT NULL, max_price decimal(19,4) NULL DEFAULT NULL, onsale tinyint(1) NULL DEFAULT 0, stock_quantity double NULL DEFAULT NULL, stock_status varchar(100) NULL DEFAULT \'instock\', rating_count bigint(20) NULL DEFAULT 0, average_rating decimal(3,2) NULL DEFAULT 0.00, total_sales bigint(20) NULL DEFAULT 0, tax_status varchar(100) NULL DEFAULT \'taxable\', tax_class varchar(100) NULL DEFAULT \'\', PRIMARY KEY (product_id), KEY stock_status (stock_status)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4' );
	if ( '' !== $db->last_error ) {
		throw new RuntimeException( 'schema: ' . $db->last_error );
	}
}

/** A simple product with managed stock; returns its id. */
function tbsg_test_product( wpdb $db, string $sku, ?int $stock, string $backorders = 'no', string $manage = 'yes' ): int {
	$db->query( $db->prepare( "INSERT INTO wp_posts (post_title, post_status, post_type) VALUES (%s, 'publish', 'product')", 'Product ' . $sku ) );
	$id   = (int) $db->dbh->insert_id;
	$meta = array( '_sku' => $sku, '_manage_stock' => $manage, '_backorders' => $backorders, '_stock_status' => ( $stock ?? 0 ) > 0 ? 'instock' : 'outofstock', '_regular_price' => '9.50' );
	if ( null !== $stock ) {
		$meta['_stock'] = (string) $stock;
	}
	foreach ( $meta as $k => $v ) {
		$db->query( $db->prepare( 'INSERT INTO wp_postmeta (post_id, meta_key, meta_value) VALUES (%d, %s, %s)', $id, $k, $v ) );
	}
	$db->query( $db->prepare( 'INSERT INTO wp_wc_product_meta_lookup (product_id, sku, stock_quantity, stock_status) VALUES (%d, %s, %f, %s)', $id, $sku, (float) ( $stock ?? 0 ), $meta['_stock_status'] ) );
	return $id;
}

function tbsg_test_stock( wpdb $db, int $id ): ?string {
	return $db->get_var( $db->prepare( "SELECT meta_value FROM wp_postmeta WHERE post_id = %d AND meta_key = '_stock'", $id ) );
}

function tbsg_test_lookup( wpdb $db, int $id ): array {
	$r = $db->dbh->query( "SELECT stock_quantity, stock_status FROM wp_wc_product_meta_lookup WHERE product_id = {$id}" );
	return $r->fetch_assoc();
}
