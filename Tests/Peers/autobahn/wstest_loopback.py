# Python 2.7 launcher for wstest (autobahntestsuite 25.10.1 is Python-2-only code).
# Identical to the `wstest` console script, except every Twisted listenTCP/listenSSL call
# that asks for "all interfaces" is bound to 127.0.0.1 instead, so the fuzzing server
# (and its optional web UI) never listens beyond loopback.
# Usage: .peers/autobahn/py27/bin/python wstest_loopback.py -m fuzzingserver -s spec.json -u 0
import sys
from autobahntestsuite import wstest          # imports choosereactor first, as wstest requires
from twisted.internet import reactor

_listenTCP = reactor.listenTCP
_listenSSL = reactor.listenSSL

def listenTCP(port, factory, backlog=50, interface=''):
    return _listenTCP(port, factory, backlog, interface or '127.0.0.1')

def listenSSL(port, factory, contextFactory, backlog=50, interface=''):
    return _listenSSL(port, factory, contextFactory, backlog, interface or '127.0.0.1')

reactor.listenTCP = listenTCP
reactor.listenSSL = listenSSL

if __name__ == '__main__':
    sys.argv[0] = 'wstest'
    sys.exit(wstest.run())
