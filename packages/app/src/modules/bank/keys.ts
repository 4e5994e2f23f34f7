// Store-key prefixes of the bank module (store "bank"). A retired prefix stays listed and is never reused.
export const STORE = 'bank';
export const SupplyPrefix = Uint8Array.of(0x00); // 0x00 ‖ denom → amount (decimal string)
export const DenomMetadataPrefix = Uint8Array.of(0x01); // 0x01 ‖ denom → Metadata
export const BalancesPrefix = Uint8Array.of(0x02); // 0x02 ‖ len ‖ address ‖ denom → amount (decimal string)
export const SendEnabledPrefix = Uint8Array.of(0x04); // 0x04 ‖ denom → 0x00 | 0x01
export const ParamsKey = Uint8Array.of(0x05);
