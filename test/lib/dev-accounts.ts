// Test fixture: the public development accounts, copied from shared/reference/dev-accounts.json
// (public LocalSecret / secretjs test data; never use these mnemonics for real funds). Kept independent
// of @scrtd/cli's own copy so the tests check the node against the reference, not against itself.

export interface DevAccount {
  readonly index: number;
  readonly name: string;
  readonly mnemonic: string;
  readonly address: string;
}

export const CHAIN_ID = 'secretdev-1';
export const GENESIS_BALANCE = 1_000_000_000_000_000_000n;

export const DEV_ACCOUNTS: readonly DevAccount[] = [
  { index: 0, name: 'a', mnemonic: 'grant rice replace explain federal release fix clever romance raise often wild taxi quarter soccer fiber love must tape steak together observe swap guitar', address: 'secret1ap26qrlp8mcq2pg6r47w43l0y8zkqm8a450s03' },
  { index: 1, name: 'b', mnemonic: 'jelly shadow frog dirt dragon use armed praise universe win jungle close inmate rain oil canvas beauty pioneer chef soccer icon dizzy thunder meadow', address: 'secret1fc3fzy78ttp0lwuujw7e52rhspxn8uj52zfyne' },
  { index: 2, name: 'c', mnemonic: 'chair love bleak wonder skirt permit say assist aunt credit roast size obtain minute throw sand usual age smart exact enough room shadow charge', address: 'secret1ajz54hz8azwuy34qwy9fkjnfcrvf0dzswy0lqq' },
  { index: 3, name: 'extra-3', mnemonic: 'road comfort vague essay seven dinosaur throw year crater amazing card shrug method large spatial rifle initial fade harsh clap control action average praise', address: 'secret1rq5a0xrzfhz39ndhdqyqn6tukd9qwtarpvcj6v' },
  { index: 4, name: 'extra-4', mnemonic: 'magic leisure piano time kangaroo consider cross settle cute expose fossil company used this connect garbage inject coach vendor slot antenna nerve love slush', address: 'secret1g79530z9mudsfcqfwyr75amv5s40wrygmtqfvu' },
  { index: 5, name: 'extra-5', mnemonic: 'lake wink moment volume danger custom wheat trip trophy job clown robust clay script image degree wisdom magnet proof age universe under fox venture', address: 'secret17qcdemv6a6j0d9lwafjj205u94s39v7mszar8t' },
  { index: 6, name: 'extra-6', mnemonic: 'employ similar canoe mammal degree bacon fold auto butter airport skate athlete screen wool off tribe isolate misery aisle risk expose treat wrong drop', address: 'secret1dfvvw5yyrgypfy0pxd4qacmgenjxzldn68a3za' },
  { index: 7, name: 'extra-7', mnemonic: 'mushroom crouch prepare hole install soda fetch night clean devote viable fork junk magic tragic expire boost cradle morning chapter odor kidney profit unique', address: 'secret17zchtpmq2afhrdkqgtdq9y8flefgnrs2zmlat0' },
  { index: 8, name: 'extra-8', mnemonic: 'vanish soon ketchup acid twist someone burger dolphin sugar brand dose inflict remember control wool remain time glad harvest wonder alert lawsuit myself network', address: 'secret1ruq9qtfv692h66j5863s873z67kr97lvjev0fr' },
  { index: 9, name: 'extra-9', mnemonic: 'duck illegal remove walk job control fever amateur vocal stand rescue pupil forest limit shoe churn ill then ill tool wise task federal visa', address: 'secret179qecuhkj9x0uyn5rc27sj3sxl96yymggssjrf' },
  { index: 10, name: 'extra-10', mnemonic: 'planet unique bachelor hero glance apology nothing duty bracket until short faculty clay service sustain goose remember fork memory hockey peanut voyage benefit trip', address: 'secret1wgc9k73lutzyvj7gqy6q8cvjl04v6wzhwquzpx' },
  { index: 11, name: 'extra-11', mnemonic: 'guitar milk brief roast mutual only kiwi position slush must reduce liberty dizzy mix nut caught ethics struggle wrist run proud jeans lens pretty', address: 'secret10dl3anqzqmda8g40exl5nvlaq57d450xkfjp3a' },
  { index: 12, name: 'extra-12', mnemonic: 'police magnet impose senior opera west avoid can civil surge film outer swap replace sentence whale runway side ring raise table fox draft dynamic', address: 'secret1zz46w3j90ca5k6tw5naf7605kzwykpuwput88c' },
  { index: 13, name: 'extra-13', mnemonic: 'balance crawl leisure settle version lemon goat indicate inflict news sense spend public wrist quarter nominee mammal barely hedgehog jaguar quality screen squirrel hotel', address: 'secret1whtzfhk0xrf4fsqxkylfdmjy5xelgweywghkyv' },
  { index: 14, name: 'extra-14', mnemonic: 'minor neglect obscure taste happy human truck pair solve weapon blade diamond bamboo draft siege page rocket license design nation collect equal champion jealous', address: 'secret19k9wxa7wezq25xg4hlak7n8x88faz4v2hfws6g' },
  { index: 15, name: 'extra-15', mnemonic: 'giraffe truck mention slim you music scrap elder swear latin festival hurdle museum disease rocket book diagram capital creek useful problem seminar razor world', address: 'secret1zwaap7zxg7hve9cpmm3llac3kfcd9drm9tm8ug' },
  { index: 16, name: 'extra-16', mnemonic: 'clock involve govern nurse kiss butter hockey hill hub hurry palace error moon asset learn health slam amateur lava zone this jelly toy essay', address: 'secret16zdage0y4r9z6tpxkey5llwfh9tz0fjveqz7jd' },
  { index: 17, name: 'extra-17', mnemonic: 'culture possible muffin nut ocean nut frame dinosaur melody border oven crumble pumpkin normal zone prosper auction series time spray stage unveil whale inner', address: 'secret18nt9mqd3fkre8zfg3tkughpdz65hcx5yywrk3l' },
  { index: 18, name: 'extra-18', mnemonic: 'lens upon insect rescue marriage wolf uphold sniff wine humor grass reflect rough belt labor quantum school imitate baby weasel destroy leg adapt parade', address: 'secret1tfumfe7clsazjdjmxqjd52ztqxmtc3z9gw9lwg' },
  { index: 19, name: 'validator', mnemonic: 'push certain add next grape invite tobacco bubble text romance again lava crater pill genius vital fresh guard great patch knee series era tonight', address: 'secret14aj08vd2ntty7dvskdmdu4zhf23mcwgtute8dz' },
  { index: 20, name: 'unfunded-20', mnemonic: 'popular famous wine robot melody warm sad suit never absurd fat flush into space question mechanic cactus coast couple outdoor ribbon town transfer fix', address: 'secret1nx3prmmcdvtyyxnq906fde6f4r5xms3flrw7tm' },
  { index: 21, name: 'd-relayer', mnemonic: 'word twist toast cloth movie predict advance crumble escape whale sail such angry muffin balcony keen move employ cook valve hurt glimpse breeze brick', address: 'secret1ldjxljw7v4vk6zhyduywh04hpj0jdwxsmrlatf' },
];

/** The dev account called `name` (a, b, c, extra-3 … extra-18, validator, unfunded-20, d-relayer). */
export function devAccount(name: string): DevAccount {
  const a = DEV_ACCOUNTS.find((x) => x.name === name);
  if (!a) throw new Error(`no dev account named ${name}`);
  return a;
}
