/**
 * Word lists for believable demo catalogues: "Enamel Camping Mug 350 ml" rather than "Item 1".
 * Each category names its products, the adjectives that suit them and a size unit.
 */
export interface CategoryWords {
  name: string;
  nouns: readonly string[];
  adjectives: readonly string[];
  sizes: readonly string[];
}

export const CATEGORIES: readonly CategoryWords[] = [
  { name: 'Kitchen', nouns: ['Mug', 'Teapot', 'Chopping Board', 'Measuring Jug', 'Colander', 'Whisk', 'Saucepan', 'Frying Pan', 'Storage Jar', 'Tea Towel'],
    adjectives: ['Enamel', 'Stainless Steel', 'Bamboo', 'Stoneware', 'Cast Iron', 'Glass', 'Copper', 'Non-Stick'], sizes: ['350 ml', '1 L', '20 cm', '24 cm', '28 cm', 'Set of 3'] },
  { name: 'Garden', nouns: ['Trowel', 'Watering Can', 'Plant Pot', 'Pruning Shears', 'Seed Tray', 'Bird Feeder', 'Hose Reel', 'Kneeling Pad'],
    adjectives: ['Galvanised', 'Terracotta', 'Recycled', 'Heavy Duty', 'Compact', 'Weatherproof'], sizes: ['Small', 'Medium', 'Large', '5 L', '10 L', '15 cm'] },
  { name: 'Stationery', nouns: ['Notebook', 'Fountain Pen', 'Pencil Set', 'Desk Organiser', 'Sketchbook', 'Envelope Pack', 'Highlighter Set'],
    adjectives: ['Dotted', 'Lined', 'Recycled', 'Leather-Bound', 'Pocket', 'Refillable'], sizes: ['A4', 'A5', 'A6', 'Pack of 10', 'Pack of 50'] },
  { name: 'Food & Drink', nouns: ['Green Tea', 'Coffee Beans', 'Dark Chocolate', 'Olive Oil', 'Honey', 'Granola', 'Sea Salt', 'Hot Sauce'],
    adjectives: ['Organic', 'Fair Trade', 'Smoked', 'Single Origin', 'Wildflower', 'Extra Virgin'], sizes: ['100 g', '250 g', '500 g', '1 kg', '250 ml', '500 ml'] },
  { name: 'Hardware', nouns: ['Screwdriver Set', 'Tape Measure', 'Claw Hammer', 'Spirit Level', 'Wood Screws', 'Wall Plugs', 'Utility Knife', 'Torch'],
    adjectives: ['Magnetic', 'Professional', 'Rechargeable', 'Zinc-Plated', 'Compact', 'Heavy Duty'], sizes: ['5 m', '8 m', '30 cm', 'Box of 100', 'Box of 200', '6 pc'] },
  { name: 'Toys', nouns: ['Jigsaw Puzzle', 'Wooden Train', 'Building Blocks', 'Kite', 'Yo-Yo', 'Card Game', 'Marble Run'],
    adjectives: ['Classic', 'Wooden', 'Glow-in-the-Dark', 'Travel', 'Giant', 'Mini'], sizes: ['500 pc', '1000 pc', '40 pc', '100 pc', 'Small', 'Large'] },
  { name: 'Home', nouns: ['Candle', 'Cushion Cover', 'Picture Frame', 'Throw', 'Doormat', 'Vase', 'Wall Clock', 'Coaster Set'],
    adjectives: ['Scented', 'Linen', 'Oak', 'Velvet', 'Woven', 'Ceramic', 'Minimalist'], sizes: ['Small', 'Large', '30 x 40 cm', '45 x 45 cm', 'Set of 4'] },
];

/** Clothing lines become matrix items: one parent, a child per size and colour. */
export const CLOTHING = {
  name: 'Clothing',
  nouns: ['T-Shirt', 'Hoodie', 'Jumper', 'Rain Jacket', 'Chinos', 'Beanie', 'Socks', 'Polo Shirt'],
  adjectives: ['Organic Cotton', 'Merino', 'Relaxed Fit', 'Classic', 'Heavyweight', 'Lightweight'],
  sizes: ['XS', 'S', 'M', 'L', 'XL', 'XXL'],
  colours: ['Navy', 'Black', 'Oatmeal', 'Forest Green', 'Rust', 'Grey Marl', 'White'],
} as const;
