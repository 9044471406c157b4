/** Tests of the serving service's client and of learners' endpoint names. */
package org.mllabs.runtime.serving;
