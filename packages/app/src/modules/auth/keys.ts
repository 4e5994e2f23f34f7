// Store-key prefixes of the auth module (store "acc"). A retired prefix stays listed and is never reused.
export const STORE = 'acc';
export const ParamsKey = Uint8Array.of(0x00);
export const AccountPrefix = Uint8Array.of(0x01); // 0x01 ‖ address(20) → Any(account)
export const GlobalAccountNumberKey = Uint8Array.of(0x02); // next account number, u64be
export const AccountNumberPrefix = Uint8Array.of(0x03); // 0x03 ‖ u64be(number) → address (address_by_id)
