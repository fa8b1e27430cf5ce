import Foundation
import StreamTapTestSupport
import Testing

/// `streamtap cat --lens mqtt|stomp` against real brokers: amqtt (MQTT
/// 3.1.1 over WebSocket) and RabbitMQ's Web STOMP.
@Suite(.requires(.streamtap))
struct BrokerLensCatCommandTests {
    private static func lensLines(_ text: String) -> [(direction: String, lens: [String: Any])] {
        text.split(separator: "\n").compactMap { line in
            guard let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any],
                object["kind"] as? String == "message", let lens = object["lens"] as? [String: Any]
            else { return nil }
            return (object["direction"] as? String ?? "", lens)
        }
    }

    @Test(.requires(.mqttPython)) func publishesAtEveryQoSComeBackThroughTheBroker() async throws {
        let broker = try await MQTTBrokerPeer.start()
        let result = try await StreamtapCommand.run(
            ["cat", "--lens", "mqtt", "--count", "3", broker.url()],
            standardInput:
                "sub sensors/# 2\npub sensors/a zero\npub sensors/b --qos 1 one\npub sensors/c --qos 2 {\"t\":2}\n",
            timeout: 20
        )
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            Set(result.stdout.split(separator: "\n")) == ["sensors/a zero", "sensors/b one", #"sensors/c {"t":2}"#]
        )
    }

    @Test(.requires(.mqttPython)) func theQoSFlowsAndKeepaliveAreAnsweredByThemselves() async throws {
        let broker = try await MQTTBrokerPeer.start()
        let result = try await StreamtapCommand.run(
            ["cat", "--jsonl", "--lens", "mqtt", "--mqtt-keepalive", "1", "--max-time", "3.5", broker.url()],
            standardInput: "sub q/# 2\npub q/x --qos 2 hello\n",
            timeout: 20
        )
        #expect(result.status == 0, "\(result.stderr)")
        let lines = Self.lensLines(result.stdout)
        let automatic = lines.filter { $0.direction == "out" && $0.lens["auto"] as? Bool == true }
            .compactMap { $0.lens["type"] as? String }
        // Our QoS 2 publish is released; the broker's copy to us is received and completed.
        #expect(automatic.first == "CONNECT")
        #expect(automatic.contains("PUBREL"))
        #expect(automatic.contains("PUBREC"))
        #expect(automatic.contains("PUBCOMP"))
        #expect(automatic.filter { $0 == "PINGREQ" }.count >= 2)
        let incoming = lines.filter { $0.direction == "in" }.map(\.lens)
        #expect(incoming.filter { $0["type"] as? String == "PINGRESP" }.count >= 2)
        let suback = incoming.first { $0["type"] as? String == "SUBACK" }
        #expect(suback?["filters"] as? [String] == ["q/#"])
        #expect(suback?["latencyMs"] != nil)
        let publish = incoming.first { $0["type"] as? String == "PUBLISH" }
        #expect(publish?["topic"] as? String == "q/x")
        #expect(publish?["payload"] as? String == "hello")
        #expect(publish?["qos"] as? Int == 2)
    }

    @Test(.requires(.mqttPython)) func theURLsCredentialsAreTheConnects() async throws {
        let broker = try await MQTTBrokerPeer.start(credentials: "alice:s3cret")
        let admitted = try await StreamtapCommand.run(
            ["cat", "--lens", "mqtt", "--count", "1", broker.url(userInfo: "alice:s3cret")],
            standardInput: "sub me\npub me in\n",
            timeout: 20
        )
        #expect(admitted.status == 0, "\(admitted.stderr)")
        #expect(admitted.stdout == "me in\n")
        let refused = try await StreamtapCommand.run(
            ["cat", "--jsonl", "--lens", "mqtt", broker.url(userInfo: "alice:wrong")],
            timeout: 20
        )
        #expect(refused.status == 1)
        // With --jsonl, the lens's report is an error line.
        #expect(refused.stdout.contains(#""message":"the MQTT broker refused the connection: not authorized""#))
        let connack = Self.lensLines(refused.stdout).first { $0.lens["type"] as? String == "CONNACK" }?.lens
        #expect(connack?["reasonCode"] as? Int == 5)
    }

    @Test(.requires(.isolatedMosquitto)) func mqtt5AgainstMosquittoReadsPropertiesAndCompletesTheFlows() async throws {
        let unshare = try Prerequisite.isolatedMosquitto.require()
        let script = Repository.peers.appendingPathComponent("mosquitto_isolated.sh").path
        let program = try Program.start(
            unshare,
            [
                "--net", "bash", script, try Prerequisite.streamtap.require(), "cat", "--jsonl", "--lens", "mqtt",
                "--mqtt-version", "5", "--max-time", "2", "ws://127.0.0.1:9001/",
            ],
            standardInput: "sub t/# 2\npub t/a --qos 1 one\npub t/b --qos 2 two\n",
            timeout: 20
        )
        let result = await program.finished()
        #expect(result.status == 0, "\(result.stderr)")
        let lines = Self.lensLines(result.stdout)
        let connack = lines.first { $0.lens["type"] as? String == "CONNACK" }?.lens
        #expect(connack?["reason"] as? String == "success")
        // mosquitto announces its limits as MQTT 5.0 properties.
        #expect((connack?["properties"] as? [String: Any])?["receiveMaximum"] != nil)
        let delivered = lines.filter { $0.direction == "in" && $0.lens["type"] as? String == "PUBLISH" }
        #expect(Set(delivered.compactMap { $0.lens["payload"] as? String }) == ["one", "two"])
        let automatic = Set(
            lines.filter { $0.lens["auto"] as? Bool == true }.compactMap { $0.lens["type"] as? String }
        )
        #expect(automatic.isSuperset(of: ["CONNECT", "PUBACK", "PUBREC", "PUBREL", "PUBCOMP"]))
    }

    @Test(.requires(.peerPython, .rabbitMQ)) func stompSubscriptionsReceiptsAndHeartBeatsAgainstRabbitMQ() async throws
    {
        let broker = try await STOMPBrokerPeer.start()
        let plain = try await StreamtapCommand.run(
            ["cat", "--lens", "stomp", "--count", "2", broker.url],
            standardInput: "sub /queue/plain\nsend /queue/plain hello\nsend /queue/plain {\"n\":2}\n",
            timeout: 30
        )
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(plain.stdout == "hello\n" + #"{"n":2}"# + "\n")

        let traced = try await StreamtapCommand.run(
            ["cat", "--jsonl", "--lens", "stomp", "--stomp-heartbeat", "500,500", "--max-time", "3.5", broker.url],
            standardInput: "sub /queue/traced\nsend /queue/traced hi\n",
            timeout: 30
        )
        #expect(traced.status == 0, "\(traced.stderr)")
        let lines = Self.lensLines(traced.stdout)
        let connected = lines.first { $0.lens["type"] as? String == "CONNECTED" }?.lens
        #expect((connected?["summary"] as? String)?.hasPrefix("CONNECTED STOMP 1.2 RabbitMQ/") == true)
        let receipts = lines.filter { $0.lens["type"] as? String == "RECEIPT" }.map(\.lens)
        #expect(receipts.compactMap { $0["for"] as? String } == ["SUBSCRIBE /queue/traced", "SEND /queue/traced"])
        #expect(receipts.allSatisfy { $0["latencyMs"] != nil })
        let beats = lines.filter { $0.lens["type"] as? String == "heart-beat" }
        #expect(beats.contains { $0.direction == "out" && $0.lens["auto"] as? Bool == true })
        #expect(beats.contains { $0.direction == "in" })
        #expect(!traced.stderr.contains("no heart-beat"))

        let refused = try await StreamtapCommand.run(
            ["cat", "--lens", "stomp", "--stomp-host", "no-such-vhost", broker.url],
            timeout: 30
        )
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("STOMP error from the server:"))
    }
}
