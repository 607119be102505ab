(* crypto.ml: mirage-crypto's SHA-256 and AES-GCM against known-answer vectors, and mirage-crypto-rng seeded by tenor.rng. *)

open Lwt.Infix

let failures = ref 0

let check what ok =
  if not ok then begin
    incr failures;
    Fmt.pr "FAIL: %s@." what
  end

let hex_of cs = String.concat "" (List.map (Printf.sprintf "%02x") (List.map Char.code (List.of_seq (String.to_seq (Cstruct.to_string cs)))))
let of_hex = Cstruct.of_hex

(* FIPS 180-2's examples and the empty message. *)
let sha256_vectors =
  [ ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    (String.make 1_000_000 'a', "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0") ]

let sha256 () =
  List.iteri
    (fun i (message, expected) ->
      let digest = hex_of (Mirage_crypto.Hash.SHA256.digest (Cstruct.of_string message)) in
      check (Fmt.str "SHA-256 vector %d: %s, expected %s" (i + 1) digest expected) (digest = expected))
    sha256_vectors;
  Fmt.pr "SHA-256: %d known answers checked@." (List.length sha256_vectors)

(* Test cases 1 to 4 of the GCM specification (McGrew and Viega): key,
   nonce, plaintext, additional data, ciphertext with the tag appended. *)
let gcm_vectors =
  let k0 = String.make 32 '0' and n0 = String.make 24 '0' in
  let k = "feffe9928665731c6d6a8f9467308308" and n = "cafebabefacedbaddecaf888" in
  let p =
    "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
    ^ "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255"
  in
  let c =
    "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
    ^ "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091"
  in
  [ (k0, n0, "", "", "58e2fccefa7e3061367f1d57a4e7455a");
    (k0, n0, String.make 32 '0', "", "0388dace60b6a392f328c2b971b2fe78ab6e47d42cec13bdf53a67b21257bddf");
    (k, n, p, "", c ^ "473f59854d5c2af327cd64a62cf35abd2ba6fab4");
    (k, n, String.sub p 0 120, "feedfacedeadbeeffeedfacedeadbeefabaddad2", c ^ "5bc94fbc3221a5db94fae95ae7121a47") ]

let aes_gcm () =
  let open Mirage_crypto.Cipher_block.AES.GCM in
  List.iteri
    (fun i (k, n, p, a, expected) ->
      let key = of_secret (of_hex k) and nonce = of_hex n and adata = of_hex a in
      let sealed = authenticate_encrypt ~key ~nonce ~adata (of_hex p) in
      check (Fmt.str "AES-GCM vector %d: %s, expected %s" (i + 1) (hex_of sealed) expected) (hex_of sealed = expected);
      (match authenticate_decrypt ~key ~nonce ~adata sealed with
       | Some plain -> check (Fmt.str "AES-GCM vector %d decrypts" (i + 1)) (hex_of plain = p)
       | None -> check (Fmt.str "AES-GCM vector %d: its own tag is refused" (i + 1)) false);
      (* One flipped bit anywhere must make the tag fail. *)
      let forged = Cstruct.of_string (Cstruct.to_string sealed) in
      Cstruct.set_uint8 forged 0 (Cstruct.get_uint8 forged 0 lxor 1);
      check (Fmt.str "AES-GCM vector %d: a forged message is refused" (i + 1))
        (authenticate_decrypt ~key ~nonce ~adata forged = None))
    gcm_vectors;
  Fmt.pr "AES-GCM: %d known answers checked (accelerated: %s)@." (List.length gcm_vectors)
    (String.concat ", "
       (List.map (function `XOR -> "xor" | `AES -> "aes" | `GHASH -> "ghash") Mirage_crypto.Cipher_block.accelerated))

(* Two outputs of one boot differ; the script that boots this twice checks
   that the samples of the two boots differ too. *)
let rng () =
  Tenor_rng.initialize (module Mirage_crypto_rng.Fortuna) >>= fun () ->
  Fmt.pr "rng: CPU entropy sources: %s@."
    (match Tenor_rng.cpu_sources () with [] -> "none (cycle counter only)" | l -> String.concat ", " l);
  let a = Mirage_crypto_rng.generate 32 in
  Solo5_os.Time.sleep_ns 10_000_000L >|= fun () ->
  let b = Mirage_crypto_rng.generate 32 in
  Fmt.pr "rng sample: %s@." (hex_of a);
  check "two samples of one boot differ" (not (Cstruct.equal a b));
  check "a sample is not all zeroes" (not (Cstruct.equal a (Cstruct.create 32)))

let () =
  sha256 ();
  aes_gcm ();
  Solo5_os.Main.run (rng ());
  if !failures = 0 then print_endline "SUCCESS" else Fmt.pr "FAILURE: %d checks failed@." !failures
