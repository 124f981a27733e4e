import Foundation
import Testing
import TransparencyLog

/// Signed notes, keys and checkpoints against Go's `sumdb/note` vectors and the C2SP
/// specifications' examples; malformed input is refused with what does not hold.
@Suite("Signed notes and checkpoints")
struct SignedNoteTests {
    static let goSigner = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"
    static let goVerifier = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
    static let goText = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n"
    static let goSigned = goText + "\n— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n"
    static let enochVerifier = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop"
    static let enochLine = "— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n"

    @Test func signingMatchesGoNote() throws {
        let signer = try SignerKey(parsing: Self.goSigner)
        #expect(signer.verifier.description == Self.goVerifier)
        #expect(signer.secretText == Self.goSigner)
        #expect(try signer.signedNote(Self.goText).formatted == Self.goSigned)
    }

    @Test func goNotesOpenWithTheirKeys() throws {
        let peter = try VerifierKey(parsing: Self.goVerifier)
        let enoch = try VerifierKey(parsing: Self.enochVerifier)
        let note = try SignedNote(parsing: Data((Self.goSigned + Self.enochLine).utf8))
        #expect(note.text == Self.goText)
        #expect(note.signatures.count == 2)
        // Peter's verifies; Enoch's is unknown to a verifier with Peter's key only (ignored).
        #expect(try note.verified(by: [peter]) == [peter])
        #expect(try note.verified(by: [peter, enoch]) == [peter, enoch])
        // C2SP signed-note's own example.
        let c2sp = try VerifierKey(parsing: "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k")
        let example = try SignedNote(parsing: Data("This is an example message.\n\n— example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n".utf8))
        #expect(try example.verified(by: [c2sp]) == [c2sp])
    }

    @Test func aChangedTextOrSignatureFailsAndAnUnknownKeyProvesNothing() throws {
        let peter = try VerifierKey(parsing: Self.goVerifier)
        let enoch = try VerifierKey(parsing: Self.enochVerifier)
        let changed = Self.goSigned.replacingOccurrences(of: "answer", with: "Answer")
        #expect(throws: TransparencyLogError.badSignature(keyName: "PeterNeumann")) {
            try SignedNote(parsing: Data(changed.utf8)).verified(by: [peter])
        }
        #expect(throws: TransparencyLogError.noKnownSignature) {
            try SignedNote(parsing: Data(Self.goSigned.utf8)).verified(by: [enoch])
        }
    }

    @Test func malformedNotesAndKeysAreRefusedWithTheReason() {
        let bad: [String] = [
            Self.goText,                                         // no signatures
            Self.goText + "\n",                                  // blank line, nothing after
            Self.goText + "\n— PeterNeumann !!!\n",              // not base64
            Self.goText + "\nextra line\n",                      // not a signature line
            Self.goSigned.dropLast() + "",                       // no final newline
            "a\u{01}b\n\n— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n",
        ]
        for text in bad {
            #expect(throws: TransparencyLogError.self, "\(text.debugDescription)") { try SignedNote(parsing: Data(text.utf8)) }
        }
        #expect(throws: TransparencyLogError.self) { try SignedNote(parsing: Data([0xFF, 0xFE, 0x0A, 0x0A])) }
        #expect(throws: TransparencyLogError.self) { try SignedNote(parsing: Data(count: SignedNote.maximumSize + 1)) }
        for key in ["PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",  // wrong id
                    "PeterNeumann+c74f20a3+ApaM2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",  // type 0x02
                    "Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", // space in the name
                    "PeterNeumann+c74f20a3", "", "PeterNeumann+C74F20A3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"] {
            #expect(throws: TransparencyLogError.self, "\(key)") { try VerifierKey(parsing: key) }
        }
    }

    @Test func checkpointsReadAsC2SPWritesThem() throws {
        let text = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"
        let checkpoint = try Checkpoint(text: text)
        #expect(checkpoint.origin == "example.com/behind-the-sofa")
        #expect(checkpoint.size == 20_852_163)
        #expect(checkpoint.text == text)
        for bad in ["example.com\n012\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n", "example.com\n-5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n",
                    "example.com\n5\nnot a hash\n", "\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n", "example.com\n5\n",
                    "example.com\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=", "example.com\n99999999999999999999\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"] {
            #expect(throws: TransparencyLogError.self, "\(bad.debugDescription)") { try Checkpoint(text: bad) }
        }
    }
}
